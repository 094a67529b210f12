// The loads table as the upload page, the undo rule and the uploads folder read it.
import { DISABLED } from '../auth/middleware.ts';
import type { Principal } from '../auth/roles.ts';
import { undoRefusal, type LoadOwner } from '../auth/undo-rule.ts';
import type { LoadRow, LoadsReport } from '../contracts/loads.ts';
import type { Reader } from './reader.ts';

/** Every load, newest first, each saying whether `viewer` may undo it. */
export async function listLoads(db: Reader, viewer: Principal = DISABLED): Promise<LoadsReport> {
  const loads = await db.read<Omit<LoadRow, 'may_undo'>>(
    `select load_id::integer as load_id, strftime(loaded_at, '%Y-%m-%d %H:%M:%S') as loaded_at, table_name, source_file, shape,
       rows_loaded::integer as rows_loaded, replaced, strftime(undone_at, '%Y-%m-%d %H:%M:%S') as undone_at, username as loaded_by
     from loads left join load_uploaders using (load_id) order by load_id desc limit 1000`
  );
  return { loads: loads.map((load) => ({ ...load, may_undo: load.undone_at === null && undoRefusal(viewer, load) === null })) };
}

/** Who loaded a load (undefined when there is no such load). */
export async function loadOwner(db: Reader, loadId: number): Promise<LoadOwner | undefined> {
  const [load] = await db.read<LoadOwner & Record<string, unknown>>(
    'select load_id::integer as load_id, username as loaded_by from loads left join load_uploaders using (load_id) where load_id = $1',
    [loadId]
  );
  return load;
}

/** Which file each of the given loads came from, for the uploads folder's marker. */
export async function loadFilesOf(db: Reader, loadIds: number[]): Promise<{ load_id: number; file: string }[]> {
  if (loadIds.length === 0) return [];
  // the ids are the loads' own integers (Number() keeps anything else out)
  return db.read(`select load_id::integer as load_id, source_file as file from loads where load_id in (${loadIds.map(Number).join(', ')})`);
}
