// Opens the database for one CLI command: schema and models brought up to date, never seeded.
// Only ingest creates a database; a report on a file that is missing, or holds no invoices, says
// so and how to load data, and creates nothing.
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { Database } from '../db.ts';
import { ensureModels } from '../models.ts';
import type { DatabaseNeed } from './commands.ts';
import { BadInput } from './errors.ts';

const howToLoad = (path: string) => `load data first: npm run --silent cli -- ingest FILE... --db ${path}`;

function openError(path: string, error: unknown): BadInput {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    return new BadInput(`database ${path} is in use by another process (is the server running?); stop it or pass --db with another file`);
  }
  return new BadInput(`cannot open database ${path}: ${message.split('\n')[0]}`);
}

/** Whether the file holds at least one invoice, read without changing it (no schema, no models). */
async function holdsInvoices(path: string): Promise<boolean> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY', autoinstall_known_extensions: 'false' });
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `select count(*) as n from information_schema.tables where table_name = 'invoices' and table_schema = 'main'`
    );
    if (Number(reader.getRowObjectsJson()[0]!.n) === 0) return false;
    const invoices = await connection.runAndReadAll('select exists (select 1 from invoices) as any');
    connection.closeSync();
    return invoices.getRowObjectsJson()[0]!.any === true;
  } finally {
    instance.closeSync();
  }
}

export async function openDatabaseForCli(path: string, need: DatabaseNeed = 'data'): Promise<Database> {
  if (path !== ':memory:' && need !== 'creates' && !existsSync(path)) {
    throw new BadInput(`database ${path} does not exist (nothing was created); ${howToLoad(path)}`);
  }
  if (path !== ':memory:' && need === 'data' && !(await holdsInvoices(path))) {
    throw new BadInput(`database ${path} is empty: no invoices are loaded; ${howToLoad(path)}`);
  }
  let db: Database;
  try {
    db = await Database.open(path);
  } catch (error) {
    throw openError(path, error);
  }
  await db.write((connection) => ensureModels(connection));
  return db;
}
