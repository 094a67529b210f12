// The cash forecast of interface.md: every open invoice's pay-date quantiles and late probability
// and the cash expected per week with an 80 % interval, and the forecast of past weeks beside the
// cash that came in. Figures come from sql/marts/forecast_*.sql; the method is docs/forecast.md.
import { probit } from 'simple-statistics';
import type { ForecastHistory, ForecastInvoice, ForecastInvoicesReport, ForecastReport, ForecastWeeksReport } from '../contracts/forecast.ts';
import type { Row } from '../db.ts';
import type { Reader } from '../reports.ts';
import { asOfOrLatest } from '../risk/drift.ts';

/** The 80 % interval: the 10th and 90th percentiles of a normal week total. */
const Z80 = probit(0.9);

/**
 * The report's currency. Until the currencies work (metrics.md "Currencies") lands, every report
 * adds the ledger's amounts unconverted and names the default home currency.
 */
export const homeCurrency = () => 'USD';

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
const cents = (x: number) => Math.round(x * 100) / 100;

interface WeekRow extends Row {
  week: number;
  week_start: string;
  week_end: string;
  currency: string | null;
  expected: number;
  variance: number;
}

export interface WeekFigures {
  from: string;
  to: string;
  expected: number;
  low: number;
  high: number;
}

/** Expected cash per week and its interval; the currencies' totals are added (conversion: fx). */
export async function forecastWeeks(db: Reader, asOf: string, weeks: number): Promise<WeekFigures[]> {
  const rows = await db.read<WeekRow>(
    `select week, week_start, week_end, currency, expected::double as expected, variance::double as variance
     from forecast_weeks($1::date, $2::integer)`,
    [asOf, weeks]
  );
  const byWeek = new Map<number, { from: string; to: string; expected: number; variance: number }>();
  for (const r of rows) {
    const week = byWeek.get(r.week) ?? { from: r.week_start, to: r.week_end, expected: 0, variance: 0 };
    week.expected += r.expected;
    week.variance += r.variance;
    byWeek.set(r.week, week);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, w]) => {
      const half = Z80 * Math.sqrt(w.variance);
      return { from: w.from, to: w.to, expected: cents(w.expected), low: cents(Math.max(0, w.expected - half)), high: cents(w.expected + half) };
    });
}

export async function forecastInvoices(db: Reader, asOf: string, customerId?: string): Promise<ForecastInvoice[]> {
  const rows = await db.read<ForecastInvoice & Row>(
    `select invoice_id, customer_id, round(balance, 2)::double as balance, due_date, expected_pay_date, pay_date_low, pay_date_high,
            round(late_probability, 4)::double as late_probability
     from forecast_invoices($1::date)
     ${customerId === undefined ? '' : 'where customer_id = $2'}
     order by expected_pay_date, invoice_id`,
    customerId === undefined ? [asOf] : [asOf, customerId]
  );
  return rows;
}

export async function forecast(db: Reader, query: { as_of?: string; weeks: number }): Promise<ForecastReport> {
  const asOf = await asOfOrLatest(db, query.as_of);
  const [weeks, invoices] = await Promise.all([forecastWeeks(db, asOf, query.weeks), forecastInvoices(db, asOf)]);
  return { as_of: asOf, currency: homeCurrency(), weeks, invoices };
}

export async function forecastWeeksOnly(db: Reader, query: { as_of?: string; weeks: number }): Promise<ForecastWeeksReport> {
  const asOf = await asOfOrLatest(db, query.as_of);
  return { as_of: asOf, currency: homeCurrency(), weeks: await forecastWeeks(db, asOf, query.weeks) };
}

export async function customerForecast(db: Reader, query: { as_of?: string; customer_id: string }): Promise<ForecastInvoicesReport> {
  const asOf = await asOfOrLatest(db, query.as_of);
  return { as_of: asOf, currency: homeCurrency(), invoices: await forecastInvoices(db, asOf, query.customer_id) };
}

/** The last `weeks` weeks up to as_of: each week's forecast made the day before it began, and the cash. */
export async function forecastHistory(db: Reader, query: { as_of?: string; weeks: number }): Promise<ForecastHistory> {
  const asOf = await asOfOrLatest(db, query.as_of);
  const actuals = await db.read<{ week_start: string; week_end: string; actual: number }>(
    `select week_start, week_end, sum(actual)::double as actual from forecast_actuals($1::date, $2::integer)
     group by week_start, week_end order by week_start`,
    [asOf, query.weeks]
  );
  const forecasts = await Promise.all(actuals.map((w) => forecastWeeks(db, addDays(w.week_start, -1), 1)));
  const weeks = actuals.map((w, index) => ({ ...forecasts[index][0], actual: cents(w.actual) }));
  const cash = weeks.reduce((sum, w) => sum + w.actual, 0);
  const error = weeks.reduce((sum, w) => sum + Math.abs(w.actual - w.expected), 0);
  const covered = weeks.filter((w) => w.actual >= w.low && w.actual <= w.high).length;
  return {
    as_of: asOf,
    currency: homeCurrency(),
    weeks,
    wape: cash > 0 ? Math.round((error / cash) * 10000) / 10000 : null,
    coverage: weeks.length > 0 ? Math.round((covered / weeks.length) * 10000) / 10000 : null
  };
}
