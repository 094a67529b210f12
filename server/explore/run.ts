// Runs one Explore query: checked by guard.ts, then on a connection of its own, inside a read-only
// transaction that is always rolled back, interrupted after the time limit, cut at the row limit.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { config } from '../config.ts';
import type { Database } from '../db.ts';
import type { ResultColumns } from './arrow.ts';
import { SandboxError, firstLine } from './errors.ts';
import { checkQuery, readCatalog } from './guard.ts';

export const DEFAULT_MAX_ROWS = 10_000;
export const MAX_ROWS = 100_000;

export function queryTimeoutFromEnv(): number {
  return config.queryTimeoutMs;
}

export interface ExploreOptions {
  uploadsDir: string;
  maxRows: number;
  timeoutMs?: number;
}

export interface ExploreResult extends ResultColumns {
  rowCount: number;
  truncated: boolean;
}

/** The checked query's rows, at most maxRows of them. */
export function runExplore(db: Database, sql: string, options: ExploreOptions): Promise<ExploreResult> {
  return inSandbox(db, sql, options, async (connection) => {
    const prepared = await connection.prepare(sql);
    // a statement DuckDB binds as something other than a plain SELECT (a PIVOT that first creates
    // a type ...) never runs here
    if (prepared.statementType !== StatementType.SELECT) {
      throw new SandboxError('Explore runs read-only queries only (SELECT, WITH ... SELECT, VALUES, PIVOT with an IN list)');
    }
    const reader = await prepared.runAndReadUntil(options.maxRows + 1);
    const rows = reader.currentRowCount;
    const keep = Math.min(rows, options.maxRows);
    return {
      names: reader.columnNames(),
      types: reader.columnTypes(),
      values: reader.getColumnsJS().map((column) => column.slice(0, keep)),
      json: reader.getColumnsJson().map((column) => column.slice(0, keep)),
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

async function inSandbox<T>(db: Database, sql: string, options: ExploreOptions, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? queryTimeoutFromEnv();
  const connection = await db.connect();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  try {
    await connection.run('begin transaction read only');
    await checkQuery(connection, sql, await readCatalog(connection), options.uploadsDir);
    return await work(connection);
  } catch (error) {
    if (timedOut) throw new SandboxError(`the query ran longer than ${timeoutMs / 1000} s and was stopped (RADAR_QUERY_TIMEOUT_MS)`);
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(firstLine(error));
  } finally {
    clearTimeout(timer);
    await connection.run('rollback').catch(() => undefined);
    connection.closeSync();
  }
}
