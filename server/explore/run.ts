// Runs one Explore query: checked by guard.ts, then on a connection of its own, inside a read-only
// transaction that is always rolled back. The result streams chunk by chunk and stops at the row
// limit or the byte limit (counted on DuckDB's vectors before any value becomes a JS object); the
// query is interrupted at its own deadline or when the client goes away; at most
// RADAR_EXPLORE_CONCURRENCY queries run at once (gate.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JSDuckDBValueConverter,
  JsonDuckDBValueConverter,
  StatementType,
  type DuckDBConnection,
  type DuckDBDataChunk
} from '@duckdb/node-api';
import type { Database } from '../db.ts';
import type { ResultColumns } from './arrow.ts';
import { SandboxError, firstLine } from './errors.ts';
import { ExploreGate } from './gate.ts';
import { checkQuery, readCatalog } from './guard.ts';
import { exploreConcurrencyFromEnv, maxResultBytesFromEnv, queryTimeoutFromEnv } from './limits.ts';
import { chunkBytes } from './result-size.ts';
import { stopAt } from '../interrupt.ts';

export { queryTimeoutFromEnv } from './limits.ts';
export const DEFAULT_MAX_ROWS = 10_000;
export const MAX_ROWS = 100_000;

/** A result over the byte limit: answered 413 "result too large". */
export class ResultTooLarge extends SandboxError {}

export interface ExploreOptions {
  uploadsDir: string;
  maxRows: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** the request's signal: a client that leaves stops its query */
  signal?: AbortSignal;
}

export interface ExploreResult extends ResultColumns {
  rowCount: number;
  truncated: boolean;
}

const gates = new WeakMap<Database, ExploreGate>();
function gateOf(db: Database): ExploreGate {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = new ExploreGate(exploreConcurrencyFromEnv())));
  return gate;
}

/** The checked query's rows, at most maxRows of them and at most maxBytes. */
export function runExplore(db: Database, sql: string, options: ExploreOptions): Promise<ExploreResult> {
  const maxBytes = options.maxBytes ?? maxResultBytesFromEnv();
  return inSandbox(db, sql, options, async (connection) => {
    const prepared = await connection.prepare(sql);
    // a statement DuckDB binds as something other than a plain SELECT (a PIVOT that first creates
    // a type ...) never runs here
    if (prepared.statementType !== StatementType.SELECT) {
      throw new SandboxError('Explore runs read-only queries only (SELECT, WITH ... SELECT, VALUES, PIVOT with an IN list)');
    }
    const result = await prepared.stream();
    const chunks: DuckDBDataChunk[] = [];
    let rows = 0;
    let bytes = 0;
    while (rows <= options.maxRows) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      bytes += chunkBytes(chunk);
      if (bytes > maxBytes) {
        throw new ResultTooLarge(
          `result too large: it holds more than ${maxBytes} bytes (RADAR_EXPLORE_MAX_BYTES); select fewer rows or columns, or aggregate`
        );
      }
      chunks.push(chunk);
      rows += chunk.rowCount;
    }
    const keep = Math.min(rows, options.maxRows);
    const columns = (converter: typeof JSDuckDBValueConverter) =>
      result.columnNames().map((_, index) => chunks.flatMap((chunk) => chunk.convertColumnValues(index, converter)).slice(0, keep));
    return {
      names: result.columnNames(),
      types: result.columnTypes(),
      values: columns(JSDuckDBValueConverter),
      json: columns(JsonDuckDBValueConverter as unknown as typeof JSDuckDBValueConverter),
      rowCount: keep,
      truncated: rows > options.maxRows
    };
  });
}

/**
 * The checked query written as Parquet by DuckDB into a private temporary folder. The query text
 * has been parsed alone as exactly one SELECT, and goes between newlines so no comment in it can
 * swallow the COPY's own target; the wrapped text must still be one COPY statement.
 */
export function exportParquet(db: Database, sql: string, options: ExploreOptions): Promise<Uint8Array> {
  return inSandbox(db, sql, options, async (connection) => {
    const folder = await mkdtemp(join(tmpdir(), 'radar-explore-'));
    try {
      const path = join(folder, 'export.parquet');
      const copy = `copy (select * from (\n${sql}\n) limit ${Math.trunc(options.maxRows)}) to '${path.replace(/'/g, "''")}' (format parquet)`;
      const extracted = await connection.extractStatements(copy);
      const prepared = extracted.count === 1 ? await extracted.prepare(0) : null;
      if (!prepared || prepared.statementType !== StatementType.COPY) throw new SandboxError('this query cannot be exported as Parquet');
      await prepared.run();
      return new Uint8Array(await readFile(path));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
}

async function inSandbox<T>(
  db: Database,
  sql: string,
  options: ExploreOptions,
  work: (connection: DuckDBConnection) => Promise<T>
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? queryTimeoutFromEnv();
  const release = gateOf(db).enter(timeoutMs);
  try {
    return await db.withConnection(async (connection) => {
      const stopper = stopAt(connection, timeoutMs, options.signal);
      try {
        await connection.run('begin transaction read only');
        await checkQuery(connection, sql, await readCatalog(connection), options.uploadsDir);
        return await work(connection);
      } catch (error) {
        if (stopper.reason === 'deadline')
          throw new SandboxError(`the query ran longer than ${timeoutMs / 1000} s and was stopped (RADAR_QUERY_TIMEOUT_MS)`);
        if (stopper.reason === 'aborted') throw new SandboxError('the client went away; the query was stopped');
        if (error instanceof SandboxError) throw error;
        throw new SandboxError(firstLine(error));
      } finally {
        stopper.done();
        await connection.run('rollback').catch(() => undefined);
      }
    });
  } finally {
    release();
  }
}
