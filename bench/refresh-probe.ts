// npx tsx bench/refresh-probe.ts --db FILE [--table invoice_flows] [--invoices 30000]
// What finding a week's touched invoices costs in one per-invoice core table, part by part: N
// invoices drawn at random (a week's payments touch invoices from all over the history), then the
// table read by them in the ways the incremental refresh could (server/refresh/): the VARCHAR key
// alone, every column, the row ids; the key column read without a filter; and the delete of their
// rows by key and by row id (each in a transaction rolled back). The semi-join on `rowid` (an
// integer the scan makes without reading anything) stands for an integer invoice key's probe. Each
// statement runs twice in a row (first, again): the very first reads the table's key column cold
// from the file, the second its other columns. Wall and CPU time of the process (DuckDB's threads
// run in it). Nothing is written to the file (the deletes roll back).
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { config } from '../server/config.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, table: { type: 'string', default: 'invoice_flows' }, invoices: { type: 'string', default: '30000' } }
});
if (!values.db) throw new Error('--db FILE is required (a database built by the models)');
const table = values.table!;
if (!/^\w+$/.test(table)) throw new Error('--table: a table name');

const instance = await DuckDBInstance.create(values.db, { memory_limit: config.memoryLimit, access_mode: 'READ_WRITE' });
const connection = await instance.connect();
const keys = `(select invoice_id from probe_keys)`;
const statements: [string, string][] = [
  ['count by the VARCHAR key (the key column read)', `select count(*) from ${table} where invoice_id in ${keys}`],
  [
    'every column by the VARCHAR key (a scope)',
    `create or replace temp table probe_rows as select * from ${table} where invoice_id in ${keys}`
  ],
  ['count by row id (an integer key: no column read)', `select count(*) from ${table} where rowid in (select r from probe_row_ids)`],
  ['the key column without a filter', `select max(invoice_id) from ${table}`],
  ['delete by the VARCHAR key', `delete from ${table} where invoice_id in ${keys}`],
  ['delete by row id', `delete from ${table} where rowid in (select r from probe_row_ids)`]
];

async function timed(sql: string): Promise<{ wall_ms: number; cpu_ms: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const inTransaction = sql.startsWith('delete');
  if (inTransaction) await connection.run('begin');
  await connection.run(sql);
  if (inTransaction) await connection.run('rollback');
  const used = process.cpuUsage(cpu);
  return { wall_ms: Math.round(performance.now() - started), cpu_ms: Math.round((used.user + used.system) / 1000) };
}

await connection.run(`create temp table probe_keys as select invoice_id from ledger_invoices using sample ${Number(values.invoices)} rows`);
const results: Record<string, { first: unknown; again: unknown }> = {};
for (const [index, [name, sql]] of statements.entries()) {
  // the row ids, once the first two have read the table by key
  if (index === 2) await connection.run(`create temp table probe_row_ids as select rowid as r from ${table} where invoice_id in ${keys}`);
  results[name] = { first: await timed(sql), again: await timed(sql) };
}
const rows = Number((await connection.runAndReadAll('select count(*) from probe_row_ids')).getRows()[0]![0]);
const all = Number((await connection.runAndReadAll(`select count(*) from ${table}`)).getRows()[0]![0]);
connection.closeSync();
process.stdout.write(
  JSON.stringify({ table, rows_in_table: all, invoices: Number(values.invoices), their_rows: rows, results }, null, 1) + '\n'
);
