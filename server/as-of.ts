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

export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The as-of date asked for, else the latest invoice date (today for an empty ledger). */
export async function resolveAsOf(db: Reader, asOf: string | undefined): Promise<string> {
  if (asOf) return asOf;
  return (await ledgerBounds(db)).default_as_of ?? today();
}

/** The Sunday ending the default week: the last complete ISO week on or before the default as-of date (for an empty ledger: today's). */
async function defaultWeekEnd(db: Reader): Promise<string> {
  const [row] = await db.read<{ week_end: string }>(
    'select coalesce(last_week_end, iso_week_end($1::date - 6)) as week_end from ledger_bounds()',
    [today()]
  );
  return row.week_end;
}

/** The period asked for, else the `weeks` complete ISO weeks ending with the default week. */
export async function resolvePeriod(db: Reader, query: { from?: string; to?: string }, weeks = 1): Promise<{ from: string; to: string }> {
  if (query.from && query.to) return { from: query.from, to: query.to };
  const end = await defaultWeekEnd(db);
  return { from: daysBefore(end, 7 * weeks - 1), to: end };
}

/** The Sunday ending the week a weekly page shows: the ISO week holding `weekEnd`, else the default week. */
export async function resolveWeekEnd(db: Reader, weekEnd: string | undefined): Promise<string> {
  if (!weekEnd) return defaultWeekEnd(db);
  const [row] = await db.read<{ week_end: string }>('select iso_week_end($1::date) as week_end', [weekEnd]);
  return row.week_end;
}
