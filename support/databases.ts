// Databases for tests and benchmarks, built without the ingest module: rows go straight into the
// canonical tables with their lineage (a load, a source file and row), then the models are built.
// Four sources: a few hand-written rows (worked examples), a generated ledger's CSV folder, a ledger
// generated on the spot (the dashboard's e2e tests and bench), and the IBM sample.
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { generateLedger, type GenerateOptions } from '../data/generator/index.ts';
import { Database } from '../server/db.ts';
import { applySchema, refreshModels } from '../server/models.ts';
import { IBM_SAMPLE } from './shared-data.ts';

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

/** The tables the generator writes (fx_rates: it bills in USD, EUR and GBP, so every report can convert). */
const GENERATED_TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates'] as const;

/** Opens a database (in memory unless a file is named), fills it in one write with the schema applied, and builds the models. */
async function buildDatabase(path: string, fill: (connection: DuckDBConnection) => Promise<void>): Promise<Database> {
  const db = await Database.open(path);
  await db.write(async (connection) => {
    await applySchema(connection);
    await fill(connection);
    await refreshModels(connection);
  });
  return db;
}

/** A load row; the rows inserted after it name it as theirs. */
async function newLoad(connection: DuckDBConnection, table: string, file: string, shape = table): Promise<void> {
  await connection.run(
    `insert into loads (load_id, loaded_at, table_name, source_file, shape, rows_loaded) values (nextval('load_id_seq'), current_timestamp, $1, $2, $3, 0)`,
    [table, file, shape]
  );
}

const LAST_LOAD = '(select max(load_id) from loads)';

/** Inserts the rows (columns named as in the canonical tables) and builds the models. */
export function ledgerDatabase(rows: LedgerRows, path = ':memory:'): Promise<Database> {
  return buildDatabase(path, async (connection) => {
    await newLoad(connection, 'invoices', 'test.csv');
    for (const [table, tableRows] of Object.entries(rows) as [string, Record<string, Value>[]][]) {
      for (const [index, row] of tableRows.entries()) {
        const all = { ...row, source_file: `${table}.csv`, source_row: index + 2 };
        const columns = Object.keys(all);
        const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
        await connection.run(
          `insert into ${table} (${columns.join(', ')}, load_id) values (${placeholders}, ${LAST_LOAD})`,
          Object.values(all)
        );
      }
    }
  });
}

/** One load per table from the generator's CSVs (canonical headers, so `by name` fits). */
async function insertGeneratedFiles(connection: DuckDBConnection, fileOf: (table: string) => string | undefined): Promise<void> {
  for (const table of GENERATED_TABLES) {
    const file = fileOf(table);
    if (!file) continue;
    const name = `generated-${table}.csv`;
    await newLoad(connection, table, name);
    await connection.run(
      `insert into ${table} by name
       select *, ${LAST_LOAD} as load_id, $1 as source_file, row_number() over () + 1 as source_row from read_csv($2, header = true)`,
      [name, file]
    );
    await connection.run(
      `update loads set rows_loaded = (select count(*) from ${table} where load_id = ${LAST_LOAD}) where load_id = ${LAST_LOAD}`
    );
  }
}

/** An in-memory database of a generated ledger already written to `dir` (npm run generate). */
export function generatedLedgerDatabase(dir: string): Promise<Database> {
  return buildDatabase(':memory:', (connection) =>
    insertGeneratedFiles(connection, (table) => {
      const file = join(dir, `${table}.csv`);
      // a folder generated before fx_rates existed has no rates file
      return table === 'fx_rates' && !existsSync(file) ? undefined : file;
    })
  );
}

/** Generates a ledger (`options` as npm run generate takes them) into `db`, which has no loads yet. */
export async function fillWithGeneratedLedger(db: Database, options: GenerateOptions = {}): Promise<{ invoices: number }> {
  const dir = join(tmpdir(), `radar-fixture-${process.pid}-${Date.now()}`);
  try {
    const ledger = await generateLedger({ ...options, out: dir });
    await db.write(async (connection) => {
      await applySchema(connection);
      await insertGeneratedFiles(connection, (table) => ledger.files[table as keyof typeof ledger.files]);
      await refreshModels(connection);
    });
    return { invoices: ledger.summary.rows.invoices };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens (creating) a database file and fills it with a generated ledger when it has no loads yet. */
export async function openFixtureDb(path: string, options: GenerateOptions = {}): Promise<Database> {
  const db = await Database.open(path);
  await db.write((connection) => applySchema(connection));
  const [{ n }] = await db.read<{ n: string }>('select count(*) as n from loads');
  if (Number(n) === 0) await fillWithGeneratedLedger(db, options);
  return db;
}

export { IBM_SAMPLE };

/** The IBM accounts-receivable sample as a ledger: each row an invoice, settled by one payment of the full amount on its SettledDate (M/D/YYYY). */
export function ibmSampleDatabase(): Promise<Database> {
  const source = `read_csv('${IBM_SAMPLE.replace(/'/g, "''")}', header = true, all_varchar = true)`;
  const date = (column: string) => `strptime(${column}, '%m/%d/%Y')::date`;
  return buildDatabase(':memory:', async (connection) => {
    await newLoad(connection, 'invoices', 'ibm-ar-sample.csv', 'settled');
    await connection.run(
      `insert into invoices (invoice_id, customer_id, invoice_date, due_date, amount, disputed, delivery_channel, load_id, source_file, source_row)
       select invoiceNumber, customerID, ${date('InvoiceDate')}, ${date('DueDate')}, InvoiceAmount::decimal(18, 2), Disputed = 'Yes', PaperlessBill, ${LAST_LOAD}, 'ibm-ar-sample.csv', 0
       from ${source}`
    );
    await connection.run(
      `insert into payments (payment_id, invoice_id, customer_id, payment_date, amount, load_id, source_file, source_row)
       select invoiceNumber || '-settled', invoiceNumber, customerID, ${date('SettledDate')}, InvoiceAmount::decimal(18, 2), ${LAST_LOAD}, 'ibm-ar-sample.csv', 0
       from ${source}`
    );
  });
}
