// The write path shared by the CLI `ingest` and POST /api/uploads: ingest files in one
// transaction, then rebuild the models. Loading your own data retires the generated demo ledger,
// in the same transaction, so a failed load leaves the demo as it was.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './db.ts';
import { queryRows } from './db.ts';
import { CANONICAL_TABLES, ingestFiles, type IngestOptions, type IngestResult, type SourceFile } from './ingest/index.ts';
import { modelsUpToDate, refreshModels, type WriteChange } from './models.ts';
import { ClientGone, FiguresNotRebuilt } from './write-errors.ts';
import { stopAt } from './interrupt.ts';

export interface LoadOptions {
  as?: string;
  replace?: boolean;
  dateFormat?: string;
  mapping?: Record<string, string>;
  /** the signed-in user who uploads (load_uploaders: who may undo it besides an admin); none from the CLI */
  loadedBy?: string;
}

export interface LoadResult extends IngestResult {
  removedDemo: boolean;
}

/**
 * Brings the models up to date after a write whose rows are saved (`saved` says what was), saying
 * which model it is at (GET /api/loads/progress). With `change`, only what the write touched is
 * computed again where that is proven right (server/refresh/); else every model is rebuilt.
 */
export async function refreshModelsShowingProgress(
  db: Database,
  connection: DuckDBConnection,
  saved: string,
  change?: WriteChange
): Promise<void> {
  try {
    await refreshModels(connection, {
      change,
      onProgress: (built, total, kind) =>
        db.setWriteStep(
          'rebuilding',
          kind === 'full'
            ? `rebuilding the figures (${built + 1} of ${total})`
            : `updating the figures for what changed (${built + 1} of ${total})`
        )
    });
  } catch (error) {
    throw new FiguresNotRebuilt(saved, error);
  }
}

export async function loadFiles(db: Database, files: SourceFile[], options: LoadOptions = {}, signal?: AbortSignal): Promise<LoadResult> {
  return db.write(async (connection) => {
    if (signal?.aborted) throw new ClientGone();
    db.setWriteStep('loading', `checking and loading ${files.map((file) => file.name).join(', ')}`);
    let removedDemo = false;
    // taken before the write: the core tables can be patched for this load only if they were right before it
    const modelsWereUpToDate = await modelsUpToDate(connection);
    // a client that leaves stops its load until the rows commit; the rebuild after it always runs
    const stopper = stopAt(connection, null, signal);
    const { loadedBy, ...ingestOptions } = options;
    const result = await ingestFiles(connection, files, ingestOptions as IngestOptions, {
      beforeLoad: async (c) => {
        removedDemo = await retireDemoLedger(c);
      },
      afterLoad: async (c, loadIds) => {
        if (loadedBy === undefined) return;
        for (const loadId of loadIds) await c.run('insert into load_uploaders values ($1, $2)', [loadId, loadedBy]);
      }
    }).finally(() => stopper.done());
    if (stopper.reason === 'aborted' && result.loadIds.length === 0) throw new ClientGone();
    if (result.rejected.length > 0) return { ...result, removedDemo: false };
    const what = files.map((file) => file.name).join(', ');
    // retiring the demo deletes rows no one noted: rebuild everything then
    const change = removedDemo ? undefined : { arrivedLoads: result.loadIds, modelsWereUpToDate };
    await refreshModelsShowingProgress(db, connection, `${what} loaded (load ${result.loadIds.join(', ')})`, change);
    return { ...result, removedDemo };
  });
}

const DEMO_LOADS_TABLE = 'create table if not exists demo_loads (load_id bigint primary key)';

/** Marks loads as the generated demo, so the first load of real data can take them away. */
export async function markDemoLoads(connection: DuckDBConnection, loadIds: number[]): Promise<void> {
  await connection.run(DEMO_LOADS_TABLE);
  for (const loadId of loadIds) await connection.run('insert or ignore into demo_loads values ($1)', [loadId]);
}

/** Deletes the demo's rows, and activities logged in the app on demo customers; runs inside the load's transaction. */
async function retireDemoLedger(connection: DuckDBConnection): Promise<boolean> {
  await connection.run(DEMO_LOADS_TABLE);
  const [{ demo }] = await queryRows<{ demo: string }>(
    connection,
    'select count(*) as demo from demo_loads join loads using (load_id) where loads.undone_at is null'
  );
  if (Number(demo) === 0) return false;
  await connection.run(
    `delete from activities where load_id is null
       and customer_id in (select customer_id from invoices where load_id in (select load_id from demo_loads))`
  );
  for (const table of CANONICAL_TABLES) {
    await connection.run(`delete from ${table} where load_id in (select load_id from demo_loads)`);
  }
  await connection.run(
    'update loads set undone_at = current_timestamp where load_id in (select load_id from demo_loads) and undone_at is null'
  );
  await connection.run('delete from demo_loads');
  return true;
}

/** One line for people: where the first rejected row is and why, and how many more there are. */
export function summariseRejections(rejected: IngestResult['rejected']): string {
  const first = rejected[0];
  const where = [first.file, first.row !== null ? `row ${first.row}` : null, first.column ? `column ${first.column}` : null]
    .filter(Boolean)
    .join(', ');
  const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more rejected rows)` : '';
  return `${where}: ${first.reason}${more}; nothing was loaded`;
}
