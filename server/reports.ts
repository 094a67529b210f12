// The reports of interface.md as typed functions over the SQL marts. The CLI and the routes
// both call these; every figure is computed by the marts, this file only selects and shapes.
import type { Params, Row } from './db.ts';
import type { AgingReport, KpisReport, PeriodReport, RecoveryRow, SeriesReport } from './contracts/reports.ts';
import { bookAging, bookKpis } from './book.ts';

export interface Reader {
  read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Keeps an answer shaped from reads until the next write (server/db.ts); readers without a cache compute it. */
  remember?<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface LedgerBounds {
  first_date: string | null;
  last_date: string | null;
  last_week_start: string | null;
  last_week_end: string | null;
}

export async function ledgerBounds(db: Reader): Promise<LedgerBounds> {
  const [bounds] = await db.read<LedgerBounds & Row>('select * from ledger_bounds()');
  return bounds;
}

/** interface.md: without an as-of date, the latest date of the loaded ledger (today for an empty one). */
async function defaultAsOf(db: Reader): Promise<string> {
  return (await ledgerBounds(db)).last_date ?? new Date().toISOString().slice(0, 10);
}

/** interface.md: without a period, the last complete ISO week. */
async function defaultPeriod(db: Reader): Promise<{ from: string; to: string }> {
  const bounds = await ledgerBounds(db);
  if (bounds.last_week_start && bounds.last_week_end) return { from: bounds.last_week_start, to: bounds.last_week_end };
  const today = new Date();
  const daysSinceSunday = today.getUTCDay();
  const end = new Date(today.getTime() - daysSinceSunday * 86_400_000);
  const start = new Date(end.getTime() - 6 * 86_400_000);
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

const MONEY = (column: string) => `round(${column}, 2)::double as ${column}`;
const RATIO = (column: string) => `${column}::double as ${column}`;

export const KPI_COLUMNS = [
  'as_of',
  'window_days',
  ...['ar', 'current_ar', 'past_due_ar', 'sales'].map(MONEY),
  ...['dso', 'bpdso', '"add"', 'countback_dso', 'past_due_share'].map(RATIO)
].join(', ');

const PERIOD_COLUMNS = [
  'period_start as "from"',
  'period_end as "to"',
  RATIO('cei'),
  MONEY('cash_collected'),
  ...['cost_per_dollar', 'write_off_ratio', 'dispute_rate', 'days_to_resolve', 'promise_kept_rate'].map(RATIO)
].join(', ');

const RECOVERY_COLUMNS = ['period_start', 'bucket', MONEY('base'), MONEY('recovered'), RATIO('rate')].join(', ');

type PeriodRow = Omit<PeriodReport, 'recovery'>;
type RecoveryRowWithPeriod = RecoveryRow & { period_start: string };

async function kpisOfPeriods(db: Reader, from: string, to: string, grain: string, window: number): Promise<KpisReport[]> {
  return db.read<KpisReport>(`select ${KPI_COLUMNS} from kpis($1::date, $2::date, $3, $4::integer)`, [from, to, grain, window]);
}

async function periodsWithRecovery(db: Reader, from: string, to: string, grain: string): Promise<PeriodReport[]> {
  const periods = await db.read<PeriodRow>(`select ${PERIOD_COLUMNS} from period_kpis($1::date, $2::date, $3)`, [from, to, grain]);
  const recovery = await db.read<RecoveryRowWithPeriod>(
    `select ${RECOVERY_COLUMNS} from recovery_by_bucket($1::date, $2::date, $3) order by period_start, bucket_order`,
    [from, to, grain]
  );
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

export async function kpis(db: Reader, query: { as_of?: string; window: number; collector?: string }): Promise<KpisReport> {
  const asOf = query.as_of ?? (await defaultAsOf(db));
  if (query.collector) return bookKpis(db, query.collector, asOf, query.window);
  const [report] = await kpisOfPeriods(db, asOf, asOf, 'range', query.window);
  return report;
}

export async function period(db: Reader, query: { from?: string; to?: string }): Promise<PeriodReport> {
  const { from, to } = query.from && query.to ? { from: query.from, to: query.to } : await defaultPeriod(db);
  const [report] = await periodsWithRecovery(db, from, to, 'range');
  return report;
}

export async function aging(db: Reader, query: { as_of?: string; collector?: string }): Promise<AgingReport> {
  const asOf = query.as_of ?? (await defaultAsOf(db));
  if (query.collector) return bookAging(db, query.collector, asOf);
  const buckets = await db.read<{ bucket: string; balance: number; invoices: number }>(
    'select bucket, round(balance, 2)::double as balance, invoices::integer as invoices from aging($1::date) order by bucket_order',
    [asOf]
  );
  const [{ total }] = await db.read<{ total: number }>('select round(coalesce(sum(balance), 0), 2)::double as total from aging($1::date)', [asOf]);
  return { as_of: asOf, buckets, total };
}

export async function series(
  db: Reader,
  query: { from?: string; to?: string; grain: 'week' | 'month'; window: number }
): Promise<SeriesReport> {
  const to = query.to ?? (await defaultAsOf(db));
  const from = query.from ?? isoDaysBefore(to, 7 * 52 - 1);
  const [asOfFigures, periodFigures] = [
    await kpisOfPeriods(db, from, to, query.grain, query.window),
    await periodsWithRecovery(db, from, to, query.grain)
  ];
  const asOfByDate = new Map(asOfFigures.map((figures) => [figures.as_of, figures]));
  const points = periodFigures.map((periodReport) => ({ ...asOfByDate.get(periodReport.to)!, ...periodReport }));
  return { grain: query.grain, window_days: query.window, points };
}

function isoDaysBefore(date: string, days: number): string {
  return new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);
}
