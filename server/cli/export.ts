// The CLI's `export --to DIR`: the database's tables as Hive-partitioned Parquet (server/export/parquet.ts).
import type { Database } from '../db.ts';
import { ExportError, exportParquet } from '../export/parquet.ts';
import { BadInput, UsageError } from './errors.ts';
import type { CommandOutput } from './commands.ts';

export async function exportCommand(db: Database, to: unknown): Promise<CommandOutput> {
  if (typeof to !== 'string' || to === '') throw new UsageError('export needs --to DIR');
  const connection = await db.connect();
  try {
    const manifest = await exportParquet(connection, to);
    const lines = manifest.tables.map((t) => `${t.layer}/${t.table}: ${t.rows} rows in ${t.files} file${t.files === 1 ? '' : 's'}`);
    return { json: { to, ...manifest }, text: [...lines, `written to ${to}`].join('\n') };
  } catch (error) {
    if (error instanceof ExportError) throw new BadInput(error.message);
    throw error;
  } finally {
    connection.closeSync();
  }
}
