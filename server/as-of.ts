// The one rule for a report asked without a date (interface.md): the as-of date is the latest
// invoice date of the loaded ledger (payments trail invoices, so an export of settled history
// does not default to the run-off after its last payment), and the period is the last complete
// ISO week on or before it. Every report, route and the warm-up resolve their dates here.
import type { Params, Row } from './db.ts';

interface Reader {
  read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
}

export interface LedgerBounds {
  first_date: string | null;
  last_date: string | null;
  /** the latest invoice date: the default as-of date */
  default_as_of: string | null;
  last_week_start: string | null;
  last_week_end: string | null;
}

export async function ledgerBounds(db: Reader): Promise<LedgerBounds> {
  const [bounds] = await db.read<LedgerBounds & Row>('select * from ledger_bounds()');
  return bounds;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The Sunday that ends the last complete ISO week on or before `date` (for an empty ledger: today's). */
function lastWeekEndOnOrBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return new Date(day.getTime() - day.getUTCDay() * 86_400_000).toISOString().slice(0, 10);
}

export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The as-of date asked for, else the latest invoice date (today for an empty ledger). */
export async function resolveAsOf(db: Reader, asOf: string | undefined): Promise<string> {
  if (asOf) return asOf;
  return (await ledgerBounds(db)).default_as_of ?? today();
}

/** The Sunday ending the default week: the last complete ISO week on or before the default as-of date. */
async function defaultWeekEnd(db: Reader): Promise<string> {
  return (await ledgerBounds(db)).last_week_end ?? lastWeekEndOnOrBefore(today());
}

/** The period asked for, else the default week. */
export async function resolvePeriod(db: Reader, query: { from?: string; to?: string }): Promise<{ from: string; to: string }> {
  if (query.from && query.to) return { from: query.from, to: query.to };
  const end = await defaultWeekEnd(db);
  return { from: daysBefore(end, 6), to: end };
}

/** The Sunday ending the week a weekly page shows: the ISO week holding `weekEnd`, else the default week. */
export async function resolveWeekEnd(db: Reader, weekEnd: string | undefined): Promise<string> {
  if (!weekEnd) return defaultWeekEnd(db);
  const day = new Date(`${weekEnd}T00:00:00Z`);
  const isoDow = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  return new Date(day.getTime() + (7 - isoDow) * 86_400_000).toISOString().slice(0, 10);
}
