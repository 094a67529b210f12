// Builds a database (in memory unless a file is named) from a few hand-written ledger rows, for
// worked-example tests.
import { Database } from '../../server/db.ts';
import { applySchema, refreshModels } from '../../server/models.ts';

type Value = string | number | boolean | null;
export interface LedgerRows {
  customers?: Record<string, Value>[];
  invoices?: Record<string, Value>[];
  payments?: Record<string, Value>[];
  adjustments?: Record<string, Value>[];
  activities?: Record<string, Value>[];
  costs?: Record<string, Value>[];
  fx_rates?: Record<string, Value>[];
}

/** Inserts the rows (columns named as in the canonical tables) and builds the models. */
export async function ledgerDatabase(rows: LedgerRows, path = ':memory:'): Promise<Database> {
  const db = await Database.open(path);
  await db.write(async (connection) => {
    await applySchema(connection);
    await connection.run("insert into loads values (1, current_timestamp, 'invoices', 'test.csv', 'invoices', 0, false, null)");
    for (const [table, tableRows] of Object.entries(rows) as [string, Record<string, Value>[]][]) {
      for (const [index, row] of tableRows.entries()) {
        const lineage: Record<string, Value> = { load_id: 1, source_file: `${table}.csv`, source_row: index + 2 };
        const all = { ...row, ...lineage };
        const columns = Object.keys(all);
        const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
        await connection.run(`insert into ${table} (${columns.join(', ')}) values (${placeholders})`, Object.values(all));
      }
    }
    await refreshModels(connection);
  });
  return db;
}
