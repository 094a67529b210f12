// What every read function takes: something that runs a parameterised SELECT (a Database, a
// connection in a test or bench), and the reporting currency every money report resolves. A read
// that lacks an exchange rate fails with DuckDB's error; app.onError and the CLI turn it into
// 422 / exit 1 (server/fx-errors.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type Params, type Row } from '../db.ts';

export interface Reader {
  read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /**
   * Keeps an answer shaped from reads until the next write (server/db.ts), within a budget: `keep`
   * estimates the bytes its objects take (or refuses it). Readers without a cache compute it.
   */
  remember?<T>(key: string, compute: () => Promise<T>, keep?: (answer: T) => number | false): Promise<T>;
  /** A route's answer as JSON text, kept until the next write and prepared again by it (server/db.ts); readers without a cache compute it. */
  json?(key: string, compute: () => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * About what one row of a shaped report (a drift customer, a forecast invoice) takes as JavaScript
 * objects: 534 and 539 bytes measured on the 1 M ledger (heap after a forced GC, thirteenth session).
 * A report kept by `remember` is charged this much per row against the cache's budget.
 */
export const REPORT_ROW_BYTES = 600;

/**
 * A Reader over one connection (a bench, a test, a file read back): its reads run one after the
 * other, since a report may ask for several at once (series) and a DuckDB connection runs one
 * statement at a time. The server's Database spreads them over its pool of connections instead.
 */
export function connectionReader(connection: DuckDBConnection): Reader {
  let last: Promise<unknown> = Promise.resolve();
  return {
    read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
      const result = last.then(() => queryRows<T>(connection, sql, params));
      last = result.catch(() => undefined);
      return result;
    }
  };
}

/** The reporting currency of a request: the one asked for, else the home currency (RADAR_CURRENCY). */
export async function reportingCurrency(db: Reader, requested: string | undefined): Promise<string> {
  const [row] = await db.read<{ currency: string }>('select reporting_currency($1::varchar) as currency', [requested ?? null]);
  return row.currency;
}
