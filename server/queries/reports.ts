// The reports of interface.md as typed functions over the SQL marts. The CLI and the routes
// both call these; every figure is computed by the marts, this file only selects and shapes.
// Money is in the reporting currency (the query's `currency`, else the home currency), each
// currency's totals converted at the report's one date (metrics.md "Currencies"). With `collector`,
// every report is that collector's book: the same marts over their customers only (the marts' `book`),
// and the answer names the collector; a collector's own requests always carry it (auth/collector-scope.ts).
import { daysBefore, resolveAsOf, resolvePeriod } from '../as-of.ts';
import { reportingCurrency, type Reader } from './reader.ts';
import type { AgingReport, KpisFigures, KpisReport, PeriodReport, RecoveryRow, SeriesReport } from '../contracts/reports.ts';

const MONEY = (column: string) => `round(${column}, 2)::double as ${column}`;
const RATIO = (column: string) => `${column}::double as ${column}`;

const KPI_FIGURES = [
  ...['ar', 'current_ar', 'past_due_ar', 'sales'].map(MONEY),
  ...['dso', 'bpdso', '"add"', 'countback_dso', 'past_due_share'].map(RATIO)
];
export const KPI_COLUMNS = ['as_of', 'window_days', ...KPI_FIGURES].join(', ');

const PERIOD_COLUMNS = [
  'period_start as "from"',
  'period_end as "to"',
  RATIO('cei'),
  MONEY('cash_collected'),
  ...['cost_per_dollar', 'write_off_ratio', 'dispute_rate', 'days_to_resolve', 'promise_kept_rate'].map(RATIO)
].join(', ');

const RECOVERY_COLUMNS = ['period_start', 'bucket', MONEY('base'), MONEY('recovered'), RATIO('rate')].join(', ');

type PeriodRow = Omit<PeriodReport, 'recovery' | 'currency' | 'collector'>;

/** `collector: NAME` on an answer about a book; nothing on the portfolio's. */
export const bookOf = (collector: string | undefined) => (collector ? { collector } : {});
type RecoveryRowWithPeriod = RecoveryRow & { period_start: string };

async function kpisOfPeriods(
  db: Reader,
  from: string,
  to: string,
  grain: string,
  window: number,
  currency: string,
  book: string | null
): Promise<KpisFigures[]> {
  return db.read<KpisFigures>(
    `select ${KPI_COLUMNS} from kpis($1::date, $2::date, $3, $4::integer, reporting := $5::varchar, book := $6::varchar)`,
    [from, to, grain, window, currency, book]
  );
}

async function periodsWithRecovery(
  db: Reader,
  from: string,
  to: string,
  grain: string,
  currency: string,
  book: string | null
): Promise<Omit<PeriodReport, 'currency' | 'collector'>[]> {
  const params = [from, to, grain, currency, book];
  const [periods, recovery] = await Promise.all([
    db.read<PeriodRow>(
      `select ${PERIOD_COLUMNS} from period_kpis($1::date, $2::date, $3, reporting := $4::varchar, book := $5::varchar)`,
      params
    ),
    db.read<RecoveryRowWithPeriod>(
      `select ${RECOVERY_COLUMNS} from recovery_by_bucket($1::date, $2::date, $3, reporting := $4::varchar, book := $5::varchar)
       order by period_start, bucket_order`,
      params
    )
  ]);
  const byPeriod = new Map<string, RecoveryRowWithPeriod[]>();
  for (const row of recovery) {
    const rows = byPeriod.get(row.period_start) ?? [];
    rows.push(row);
    byPeriod.set(row.period_start, rows);
  }
  return periods.map((period) => ({
    ...period,
    recovery: (byPeriod.get(period.from) ?? []).map(({ bucket, base, recovered, rate }) => ({ bucket, base, recovered, rate }))
  }));
}

export async function kpis(
  db: Reader,
  query: { as_of?: string; window: number; collector?: string; currency?: string }
): Promise<KpisReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  const rows = await db.read<KpisFigures & { currency: string; is_total: boolean }>(
    `select ${KPI_COLUMNS}, currency, is_total
     from kpis($1::date, $1::date, 'range', $2::integer, reporting := $3::varchar, by_currency := $4, book := $5::varchar)`,
    [asOf, query.window, currency, !query.collector, query.collector ?? null]
  );
  const total = rows.find((row) => row.is_total)!;
  const { currency: _c, is_total: _t, ...figures } = total;
  // a book's answer has no per-currency part (the company's report has)
  if (query.collector) return { ...figures, currency, collector: query.collector };
  return {
    ...figures,
    currency,
    by_currency: rows
      .filter((row) => !row.is_total)
      .map(({ as_of: _a, window_days: _w, is_total: _i, currency: own, ...own_figures }) => ({ currency: own, ...own_figures }))
  };
}

export async function period(
  db: Reader,
  query: { from?: string; to?: string; collector?: string; currency?: string }
): Promise<PeriodReport> {
  const { from, to } = await resolvePeriod(db, query);
  const currency = await reportingCurrency(db, query.currency);
  const [report] = await periodsWithRecovery(db, from, to, 'range', currency, query.collector ?? null);
  return { ...report, currency, ...bookOf(query.collector) };
}

type AgingRow = {
  bucket: string;
  kind: 'bucket' | 'credits' | 'total';
  currency: string;
  is_total: boolean;
  balance: number;
  invoices: number;
};

function agingOf(rows: AgingRow[]) {
  const buckets = rows.filter((r) => r.kind === 'bucket').map(({ bucket, balance, invoices }) => ({ bucket, balance, invoices }));
  const credits = rows.find((r) => r.kind === 'credits') ?? { balance: 0, invoices: 0 };
  const total = rows.find((r) => r.kind === 'total')?.balance ?? 0;
  return { buckets, credits: { balance: credits.balance, invoices: credits.invoices }, total };
}

export async function aging(db: Reader, query: { as_of?: string; collector?: string; currency?: string }): Promise<AgingReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  const rows = await db.read<AgingRow>(
    `select bucket, kind, currency, is_total, round(balance, 2)::double as balance, invoices::integer as invoices
     from aging($1::date, reporting := $2::varchar, by_currency := $3, book := $4::varchar)`,
    [asOf, currency, !query.collector, query.collector ?? null]
  );
  if (query.collector) return { as_of: asOf, ...agingOf(rows.filter((r) => r.is_total)), currency, collector: query.collector };
  const own = [...new Set(rows.filter((r) => !r.is_total).map((r) => r.currency))];
  return {
    as_of: asOf,
    ...agingOf(rows.filter((r) => r.is_total)),
    currency,
    by_currency: own.map((c) => ({ currency: c, ...agingOf(rows.filter((r) => !r.is_total && r.currency === c)) }))
  };
}

export async function series(
  db: Reader,
  query: { from?: string; to?: string; grain: 'week' | 'month'; window: number; collector?: string; currency?: string }
): Promise<SeriesReport> {
  const to = await resolveAsOf(db, query.to);
  const from = query.from ?? daysBefore(to, 7 * 52 - 1);
  const currency = await reportingCurrency(db, query.currency);
  const book = query.collector ?? null;
  // independent reads: the server's pool runs them on connections of their own, side by side
  const [asOfFigures, periodFigures] = await Promise.all([
    kpisOfPeriods(db, from, to, query.grain, query.window, currency, book),
    periodsWithRecovery(db, from, to, query.grain, currency, book)
  ]);
  const asOfByDate = new Map(asOfFigures.map((figures) => [figures.as_of, figures]));
  const points = periodFigures.map((periodReport) => ({ ...asOfByDate.get(periodReport.to)!, ...periodReport }));
  return { grain: query.grain, currency, ...bookOf(query.collector), window_days: query.window, points };
}
