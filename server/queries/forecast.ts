// The cash forecast of interface.md: every open invoice's pay-date quantiles and late probability
// and the cash expected per week with an 80 % interval, and the forecast of past weeks beside the
// cash that came in. Figures come from sql/marts/forecast_*.sql; the method is docs/forecast.md.
// Money is in the reporting currency, every currency's figures converted at the as-of date's
// rates (one date per report, metrics.md "Currencies"); a missing rate answers 422 / exit 1.
import { probit } from 'simple-statistics';
import type {
  ForecastHistory,
  ForecastInvoice,
  ForecastInvoicesReport,
  ForecastReport,
  ForecastWeeksReport
} from '../contracts/forecast.ts';
import { resolveAsOf } from '../as-of.ts';
import type { Row } from '../db.ts';
import { REPORT_ROW_BYTES, reportingCurrency, type Reader } from './reader.ts';

/** The 80 % interval: the 10th and 90th percentiles of a normal week total. */
const Z80 = probit(0.9);

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
const cents = (x: number) => Math.round(x * 100) / 100;

interface WeekRow extends Row {
  week_start: string;
  week_end: string;
  expected: number;
  spread: number;
}

export interface WeekFigures {
  from: string;
  to: string;
  expected: number;
  low: number;
  high: number;
}

/**
 * Expected cash per week and its interval. Each currency's expected cash and standard deviation
 * are converted at `ratesOn`; customers are independent, so the converted variances add. A null
 * currency adds the ledger's amounts unconverted (bench/eval-forecast.ts compares them with the
 * unconverted cash that came in).
 */
export async function forecastWeeks(
  db: Reader,
  asOf: string,
  weeks: number,
  currency: string | null,
  ratesOn = asOf
): Promise<WeekFigures[]> {
  const rows = await db.read<WeekRow>(
    `select ${weekFiguresSql('$3', '$4')}
     from forecast_weeks($1::date, $2::integer)
     group by week, week_start, week_end
     order by week`,
    [asOf, weeks, currency, ratesOn]
  );
  return rows.map(weekFigures);
}

/** A week's figures converted into the currency `to` at the rates of `on` (parameters; a null currency adds the ledger's amounts unconverted). */
const weekFiguresSql = (to: string, on: string) => `
  week_start,
  week_end,
  sum(case when ${to}::varchar is null then expected else to_reporting(expected::decimal(38, 2), currency, ${to}::varchar, ${on}::date) end)::double as expected,
  sqrt(sum(case when ${to}::varchar is null then sqrt(variance) else to_reporting(sqrt(variance)::decimal(38, 2), currency, ${to}::varchar, ${on}::date) end::double ^ 2)) as spread`;

function weekFigures(w: WeekRow): WeekFigures {
  const half = Z80 * w.spread;
  return {
    from: w.week_start,
    to: w.week_end,
    expected: cents(w.expected),
    low: cents(Math.max(0, w.expected - half)),
    high: cents(w.expected + half)
  };
}

const INVOICE_FIGURES = `invoice_id, customer_id, round(to_reporting(balance, currency, $2, $1::date), 2)::double as balance, due_date,
  expected_pay_date, pay_date_low, pay_date_high, round(late_probability, 4)::double as late_probability`;

export async function forecastInvoices(db: Reader, asOf: string, currency: string, customerId?: string): Promise<ForecastInvoice[]> {
  return db.read<ForecastInvoice & Row>(
    `select ${INVOICE_FIGURES}
     from forecast_invoices($1::date)
     ${customerId === undefined ? '' : 'where customer_id = $3'}
     order by expected_pay_date, invoice_id`,
    customerId === undefined ? [asOf, currency] : [asOf, currency, customerId]
  );
}

/**
 * The weeks and the invoices of one report from one computation of the model (forecast_model):
 * its weighted pay dates are the costly part, and the two used to compute them once each.
 * `models` is a suffix of the macros' names: bench/forecast-perf.ts reads an older revision's
 * model, defined beside this one as forecast_model_ref ..., through this same function.
 */
export async function weeksAndInvoices(
  db: Reader,
  asOf: string,
  weeks: number,
  currency: string,
  models = ''
): Promise<[WeekFigures[], ForecastInvoice[]]> {
  type Both = WeekRow & ForecastInvoice & { kind: 'week' | 'invoice' };
  const rows = await db.read<Both>(
    `with model as materialized (
       from forecast_model${models}($1::date, $3::integer)
     ),
     week_rows as (
       select week, ${weekFiguresSql('$2', '$1')}
       from forecast_weeks_from${models}('model', $1::date, $3::integer)
       group by week, week_start, week_end
     ),
     invoice_rows as (
       select ${INVOICE_FIGURES}
       from model
       where week is null
     )
     select 'week' as kind, week, week_start, week_end, expected, spread, null::varchar as invoice_id, null::varchar as customer_id,
            null::double as balance, null::date as due_date, null::date as expected_pay_date, null::date as pay_date_low,
            null::date as pay_date_high, null::double as late_probability
     from week_rows
     union all
     select 'invoice', null, null, null, null, null, invoice_id, customer_id, balance, due_date, expected_pay_date, pay_date_low,
            pay_date_high, late_probability
     from invoice_rows
     order by kind desc, week, expected_pay_date, invoice_id`,
    [asOf, currency, weeks]
  );
  const weekRows = rows.filter((r) => r.kind === 'week').map(weekFigures);
  const invoices = rows
    .filter((r) => r.kind === 'invoice')
    .map(({ invoice_id, customer_id, balance, due_date, expected_pay_date, pay_date_low, pay_date_high, late_probability }) => ({
      invoice_id,
      customer_id,
      balance,
      due_date,
      expected_pay_date,
      pay_date_low,
      pay_date_high,
      late_probability
    }));
  return [weekRows, invoices];
}

type Query = { as_of?: string; weeks: number; currency?: string };

export async function forecast(db: Reader, query: Query): Promise<ForecastReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  const report = async () => {
    const [weeks, invoices] = await weeksAndInvoices(db, asOf, query.weeks, currency);
    return { as_of: asOf, currency, weeks, invoices };
  };
  // a date's report is kept until the next write, like the reads (server/db.ts): its invoices are
  // too many rows for the read cache at 1 M invoices, and the model takes seconds to compute
  return db.remember
    ? db.remember(`forecast report ${asOf} ${query.weeks} ${currency}`, report, (kept) => kept.invoices.length * REPORT_ROW_BYTES)
    : report();
}

export async function forecastWeeksOnly(db: Reader, query: Query): Promise<ForecastWeeksReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  return { as_of: asOf, currency, weeks: await forecastWeeks(db, asOf, query.weeks, currency) };
}

export async function customerForecast(
  db: Reader,
  query: { as_of?: string; customer_id: string; currency?: string }
): Promise<ForecastInvoicesReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  return { as_of: asOf, currency, invoices: await forecastInvoices(db, asOf, currency, query.customer_id) };
}

/**
 * The last `weeks` weeks up to as_of: each week's forecast made the day before it began, and the
 * cash. One report, one date's rates: every week is converted at as_of.
 */
export async function forecastHistory(db: Reader, query: Query): Promise<ForecastHistory> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  const actuals = await db.read<{ week_start: string; week_end: string; actual: number }>(
    `select week_start, week_end, sum(to_reporting(actual, currency, $3, $1::date))::double as actual
     from forecast_actuals($1::date, $2::integer)
     group by week_start, week_end order by week_start`,
    [asOf, query.weeks, currency]
  );
  const forecasts = await Promise.all(actuals.map((w) => forecastWeeks(db, addDays(w.week_start, -1), 1, currency, asOf)));
  const weeks = actuals.map((w, index) => ({ ...forecasts[index][0], actual: cents(w.actual) }));
  const cash = weeks.reduce((sum, w) => sum + w.actual, 0);
  const error = weeks.reduce((sum, w) => sum + Math.abs(w.actual - w.expected), 0);
  const covered = weeks.filter((w) => w.actual >= w.low && w.actual <= w.high).length;
  return {
    as_of: asOf,
    currency,
    weeks,
    wape: cash > 0 ? Math.round((error / cash) * 10000) / 10000 : null,
    coverage: weeks.length > 0 ? Math.round((covered / weeks.length) * 10000) / 10000 : null
  };
}
