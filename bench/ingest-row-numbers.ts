// What the row numbers cost the ingest: the ingest's own INSERT for an invoices CSV, captured from
// ingestFiles(), run again into a fresh database file as it is and with a constant instead of
// `row_number() over ()` (the file row every loaded row keeps), beside the bare read; medians.
// npx tsx bench/ingest-row-numbers.ts [--csv bench/out/ledger-1000000/invoices.csv] [--reps 3]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBConnection } from '@duckdb/node-api';
import { Database } from '../server/db.ts';
import { ingestFiles } from '../server/ingest/index.ts';
import { createValueMacros } from '../server/ingest/value-sql.ts';
import { applySchema } from '../server/models.ts';

const { values } = parseArgs({
  options: { csv: { type: 'string', default: 'bench/out/ledger-1000000/invoices.csv' }, reps: { type: 'string', default: '3' } }
});
const csv = values.csv;
const file = join(tmpdir(), `radar-row-numbers-${process.pid}.duckdb`);
const fresh = async () => {
  ['', '.wal'].forEach((suffix) => rmSync(file + suffix, { force: true }));
  const db = await Database.open(file);
  const connection = await db.connect();
  await applySchema(connection);
  await createValueMacros(connection);
  return { db, connection };
};

// capture the INSERT the ingest runs (the fast path: one statement per file)
let insert = '';
const run = DuckDBConnection.prototype.runAndReadAll;
DuckDBConnection.prototype.runAndReadAll = function (sql: string, ...rest: unknown[]) {
  if (sql.startsWith('insert into invoices')) insert = sql;
  return (run as (...args: unknown[]) => ReturnType<typeof run>).call(this, sql, ...rest);
};
{
  const { db, connection } = await fresh();
  await ingestFiles(connection, [{ path: csv, name: 'invoices.csv' }]);
  connection.closeSync();
  db.close();
}
DuckDBConnection.prototype.runAndReadAll = run;
if (!insert.includes('row_number() over ()')) throw new Error('did not capture the ingest INSERT');

const variants: Record<string, string> = {
  bare: `create table bare as select * from read_csv('${csv.replace(/'/g, "''")}')`,
  'ingest insert': insert,
  'ingest insert, row numbers replaced by a constant': insert.replace('row_number() over () + 1 as __row', '0::bigint as __row'),
  'ingest insert without row numbers, then numbered by rowid': insert.replace('row_number() over () + 1 as __row', '0::bigint as __row')
};
const times: Record<string, number[]> = {};
const wrong: Record<string, number[]> = {};
for (let rep = 0; rep < Number(values.reps); rep++) {
  for (const [name, sql] of Object.entries(variants)) {
    const { db, connection } = await fresh();
    const started = performance.now();
    await connection.run('begin');
    await connection.run(sql, name === 'bare' ? [] : [csv, 'invoices.csv']);
    if (name.includes('rowid')) {
      await connection.run(`update invoices set source_row = rowid - (select min(rowid) from invoices where load_id = 1) + 2 where load_id = 1`);
    }
    await connection.run('commit');
    if (name !== 'bare') {
      const check = await connection.runAndReadAll("select count_if(source_row - 1 <> cast(substr(invoice_id, 4) as bigint)) as wrong from invoices");
      (wrong[name] ??= []).push(Number(check.getRows()[0]![0]));
    }
    (times[name] ??= []).push(performance.now() - started);
    connection.closeSync();
    db.close();
  }
}
['', '.wal'].forEach((suffix) => rmSync(file + suffix, { force: true }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(JSON.stringify({ csv, reps: Number(values.reps), median_ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))])), rows_numbered_wrong: wrong }, null, 2));
