// Undo one load: delete the rows it brought and mark it undone, in one transaction.
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, queryRows } from '../db.ts';
import { CANONICAL_TABLES, IngestError, type CanonicalTable } from './types.ts';
import { noteLeavingRows } from '../refresh/touched.ts';

/**
 * Removes the rows of `loadId` from its table and sets loads.undone_at. Undoing a load twice
 * removes nothing the second time. Rows of other loads that point at the removed rows (payments of
 * undone invoices) stay: undo is per load, as the upload page lists them.
 */
export async function undoLoad(connection: DuckDBConnection, loadId: number): Promise<{ removed: Record<string, number> }> {
  if (!Number.isSafeInteger(loadId)) throw new IngestError(`load id must be an integer, got ${loadId}`);
  return inTransaction(connection, async () => {
    const [load] = await queryRows<{ table_name: string; undone_at: string | null }>(
      connection,
      'select table_name, undone_at from loads where load_id = $1',
      [loadId]
    );
    if (!load) throw new IngestError(`load ${loadId} does not exist`);
    const table = load.table_name as CanonicalTable;
    if (!CANONICAL_TABLES.includes(table)) throw new IngestError(`load ${loadId} names an unknown table ${load.table_name}`);
    if (load.undone_at) return { removed: { [table]: 0 } };
    // what the rows touched, for the refresh after the undo (server/refresh/)
    await noteLeavingRows(connection, table, 'load_id = $1', [loadId]);
    const [deleted] = await queryRows<{ Count: string }>(connection, `delete from ${table} where load_id = $1`, [loadId]);
    await connection.run('update loads set undone_at = now() where load_id = $1', [loadId]);
    return { removed: { [table]: Number(deleted?.Count ?? 0) } };
  });
}
