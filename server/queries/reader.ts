// What every read function takes: something that runs a parameterised SELECT (a Database, a
// connection in a test or bench), and the two reads every money report shares.
import type { Params, Row } from '../db.ts';
import { withRates } from '../fx-errors.ts';

export interface Reader {
  read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Keeps an answer shaped from reads until the next write (server/db.ts); readers without a cache compute it. */
  remember?<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** The reporting currency of a request: the one asked for, else the home currency (RADAR_CURRENCY). */
export async function reportingCurrency(db: Reader, requested: string | undefined): Promise<string> {
  const [row] = await db.read<{ currency: string }>('select reporting_currency($1::varchar) as currency', [requested ?? null]);
  return row.currency;
}

/** A read of money in a reporting currency: a missing exchange rate answers 422 / exit 1. */
export function readMoney<T extends Row = Row>(db: Reader, sql: string, params?: Params): Promise<T[]> {
  return withRates(db.read<T>(sql, params));
}
