// A test or benchmark database filled with a generated ledger, loaded straight into the canonical
// tables with DuckDB's read_csv (no header mapping or validation: the generator writes canonical
// columns). The dashboard's tests and bench use it so they do not depend on the ingest module.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateLedger, type GenerateOptions } from '../../data/generator/index.ts';
import { Database } from '../../server/db.ts';
import { applySchema, refreshModels } from '../../server/models.ts';

// fx_rates: the generated ledger bills in USD, EUR and GBP; its rates let every report convert
const TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates'] as const;

export async function fillWithGeneratedLedger(db: Database, options: GenerateOptions = {}): Promise<{ invoices: number }> {
  const dir = join(tmpdir(), `radar-fixture-${process.pid}-${Date.now()}`);
  try {
    const ledger = await generateLedger({ ...options, out: dir });
    await db.write(async (connection) => {
      await applySchema(connection);
      for (const table of TABLES) {
        const file = ledger.files[table];
        const name = `generated-${table}.csv`;
        await connection.run(
          `insert into loads (load_id, loaded_at, table_name, source_file, shape, rows_loaded)
           select nextval('load_id_seq'), current_timestamp, $1, $2, $1, count(*) from read_csv($3, header = true)`,
          [table, name, file]
        );
        await connection.run(
          `insert into ${table} by name
           select *, (select max(load_id) from loads) as load_id, $1 as source_file, row_number() over () + 1 as source_row
           from read_csv($2, header = true)`,
          [name, file]
        );
      }
      await refreshModels(connection);
    });
    return { invoices: ledger.summary.rows.invoices };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens (creating) a database file and fills it when it has no loads yet. */
export async function openFixtureDb(path: string, options: GenerateOptions = {}): Promise<Database> {
  const db = await Database.open(path);
  await db.write((connection) => applySchema(connection));
  const [{ n }] = await db.read<{ n: string }>('select count(*) as n from loads');
  if (Number(n) === 0) await fillWithGeneratedLedger(db, options);
  return db;
}
