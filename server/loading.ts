// The write path shared by the CLI `ingest` and POST /api/uploads: ingest files in one
// transaction, then rebuild the models. Loading your own data retires the generated demo ledger.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './db.ts';
import { queryRows } from './db.ts';
import { ingestFiles, undoLoad, type IngestOptions, type IngestResult, type SourceFile } from './ingest/index.ts';
import { refreshModels } from './models.ts';

export interface LoadOptions {
  as?: string;
  replace?: boolean;
  dateFormat?: string;
  mapping?: Record<string, string>;
}

export interface LoadResult extends IngestResult {
  removedDemo: boolean;
}

export async function loadFiles(db: Database, files: SourceFile[], options: LoadOptions = {}): Promise<LoadResult> {
  return db.write(async (connection) => {
    const result = await ingestFiles(connection, files, options as IngestOptions);
    if (result.rejected.length > 0) return { ...result, removedDemo: false };
    const removedDemo = await retireDemoLedger(connection);
    await refreshModels(connection);
    return { ...result, removedDemo };
  });
}

/** Marks loads as the generated demo, so the first load of real data can take them away. */
export async function markDemoLoads(connection: DuckDBConnection, loadIds: number[]): Promise<void> {
  await connection.run('create table if not exists demo_loads (load_id bigint primary key)');
  for (const loadId of loadIds) await connection.run('insert or ignore into demo_loads values ($1)', [loadId]);
}

async function retireDemoLedger(connection: DuckDBConnection): Promise<boolean> {
  await connection.run('create table if not exists demo_loads (load_id bigint primary key)');
  const demo = await queryRows<{ load_id: string }>(
    connection,
    'select d.load_id from demo_loads as d join loads as l using (load_id) where l.undone_at is null'
  );
  for (const { load_id } of demo) await undoLoad(connection, Number(load_id));
  await connection.run('delete from demo_loads');
  return demo.length > 0;
}

/** One line for people: where the first rejected row is and why, and how many more there are. */
export function summariseRejections(rejected: IngestResult['rejected']): string {
  const first = rejected[0];
  const where = [first.file, first.row !== null ? `row ${first.row}` : null, first.column ? `column ${first.column}` : null].filter(Boolean).join(', ');
  const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more rejected rows)` : '';
  return `${where}: ${first.reason}${more}; nothing was loaded`;
}
