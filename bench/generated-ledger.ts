// Loads the generator's CSVs straight into the canonical tables (no ingestion step), for the
// drift evaluation. The generator writes clean files with canonical headers, so `by name` fits.
import { join } from 'node:path';
import { Database } from '../server/db.ts';
import { applySchema, refreshModels } from '../server/models.ts';

const TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs'] as const;

export async function generatedLedgerDatabase(dir: string): Promise<Database> {
  const db = await Database.open(':memory:');
  await db.write(async (connection) => {
    await applySchema(connection);
    await connection.run("insert into loads values (1, current_timestamp, 'invoices', 'generated', 'invoices', 0, false, null)");
    for (const table of TABLES) {
      const path = join(dir, `${table}.csv`).replace(/'/g, "''");
      await connection.run(
        `insert into ${table} by name select *, 1 as load_id, '${table}.csv' as source_file, 0 as source_row from read_csv('${path}', header = true)`
      );
    }
    await refreshModels(connection);
  });
  return db;
}
