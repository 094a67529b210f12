// The one DuckDB instance of the process, its connections and a typed query helper.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export const DEFAULT_DB_PATH = 'data/radar.duckdb';

export function dbPathFromEnv(): string {
  return process.env.RADAR_DB ?? DEFAULT_DB_PATH;
}

export interface DatabaseOptions {
  /** Extra DuckDB settings passed at open time (e.g. allowed_directories). */
  settings?: Record<string, string>;
}

/**
 * Owns the DuckDBInstance. Reads go through `read`, on a connection of their own;
 * the write path (ingest + model refresh) is serialised through `write` so two
 * loads never interleave and a reader always sees the state before or after a load.
 */
export class Database {
  private writeQueue: Promise<unknown> = Promise.resolve();
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    private readonly readConnection: DuckDBConnection,
    private readonly writeConnection: DuckDBConnection
  ) {}

  static async open(path: string = dbPathFromEnv(), options: DatabaseOptions = {}): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const instance = await DuckDBInstance.create(path, {
      // Only built-in extensions exist here; never try the network.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      ...options.settings
    });
    const readConnection = await instance.connect();
    const writeConnection = await instance.connect();
    return new Database(path, instance, readConnection, writeConnection);
  }

  /** A fresh connection, for work that must not share a transaction with others. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Run a read query; rows come back JSON-safe (BIGINT/DECIMAL as strings, DATE as 'YYYY-MM-DD'). */
  async read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return queryRows<T>(this.readConnection, sql, params);
  }

  /** Run `work` alone on the write connection; calls queue behind each other. */
  write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const result = this.writeQueue.then(() => work(this.writeConnection));
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.readConnection.closeSync();
    this.writeConnection.closeSync();
    this.instance.closeSync();
  }
}

export async function queryRows<T extends Row = Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: Params
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as T[];
}

/** Run `work` inside one transaction: all or nothing. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('begin transaction');
  try {
    const result = await work();
    await connection.run('commit');
    return result;
  } catch (error) {
    await connection.run('rollback').catch(() => undefined);
    throw error;
  }
}
