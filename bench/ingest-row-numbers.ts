// What the row numbers cost the ingest: DuckDB's bare read of an invoices CSV, the whole ingest as it
// is (the file staged in a temp table, numbered by its rowid: server/ingest/source-sql.ts stageCsv),
// and the ingest's INSERT the way it was before (numbered by `row_number() over ()` on the reader)
// and with a constant instead of a row number; each into a fresh database file, medians, one run.
// npx tsx bench/ingest-row-numbers.ts [--csv bench/out/ledger-1000000/invoices.csv] [--reps 3]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBConnection } from '@duckdb/node-api';
import { Database } from '../server/db.ts';
import { ingestFiles } from '../server/ingest/index.ts';
import { csvReadSql, sourceSql } from '../server/ingest/source-sql.ts';
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

// capture the INSERT the ingest runs and the staged source it reads
let insert = '';
const run = DuckDBConnection.prototype.runAndReadAll;
DuckDBConnection.prototype.runAndReadAll = function (sql: string, ...rest: unknown[]) {
  if (sql.startsWith('insert into invoices')) insert = sql;
  return (run as (...args: unknown[]) => ReturnType<typeof run>).call(this, sql, ...rest);
};
const headers = [
  'invoice_id',
  'customer_id',
  'invoice_date',
  'due_date',
  'amount',
  'currency',
  'po_number',
  'disputed_on',
  'dispute_resolved_on'
];
{
  const { db, connection } = await fresh();
  await ingestFiles(connection, [{ path: csv, name: 'invoices.csv' }]);
  connection.closeSync();
  db.close();
}
DuckDBConnection.prototype.runAndReadAll = run;
const staged = /\(select rowid - \d+ \+ 2 as __row, \* from ingest_stage_\w+\)/.exec(insert)?.[0];
if (!staged) throw new Error('did not capture the staged ingest INSERT');
const source = { format: 'csv' as const, path: csv, headers, delimiter: ',' as const, encoding: 'utf-8' as const };
const numbered = sourceSql(source, { ignore: true });
const stageTable = /from (ingest_stage_\w+)\)/.exec(staged)![1]!;
// the source file's name was $1 (the staged read takes no parameter): it becomes $2 after the path
const before = insert.replace('$1', '$2').replace(staged, numbered);

type Variant = (connection: DuckDBConnection) => Promise<unknown>;
const variants: Record<string, Variant> = {
  bare: (c) => c.run(`create table bare as select * from read_csv('${csv.replace(/'/g, "''")}')`),
  'ingest (staged, numbered by rowid)': (c) => ingestFiles(c, [{ path: csv, name: 'invoices.csv' }]),
  'the staged statements alone (CREATE TEMP TABLE AS read_csv, then the INSERT numbered by rowid)': async (c) => {
    await c.run('begin');
    await c.run(`create temp table ${stageTable} as select * from ${csvReadSql(source, { ignore: true })}`, [csv]);
    const [first] = (await c.runAndReadAll(`select min(rowid)::varchar from ${stageTable}`)).getRows()[0]! as string[];
    await c.run(insert.replace(/rowid - \d+ \+ 2/, `rowid - ${first} + 2`), ['invoices.csv']);
    await c.run('commit');
  },
  'the INSERT numbered by row_number() over () (before)': (c) => c.run(before, [csv, 'invoices.csv']),
  'the INSERT with a constant row number': (c) =>
    c.run(before.replace('row_number() over () + 1 as __row', '0::bigint as __row'), [csv, 'invoices.csv'])
};
const times: Record<string, number[]> = {};
const wrong: Record<string, number[]> = {};
for (let rep = 0; rep < Number(values.reps); rep++) {
  for (const [name, work] of Object.entries(variants)) {
    const { db, connection } = await fresh();
    const started = performance.now();
    await work(connection);
    (times[name] ??= []).push(performance.now() - started);
    if (name !== 'bare') {
      // the generator numbers invoices in file order: INV0000001 is on row 2
      const check = await connection.runAndReadAll(
        'select count_if(source_row - 1 <> cast(substr(invoice_id, 4) as bigint)) as wrong from invoices'
      );
      (wrong[name] ??= []).push(Number(check.getRows()[0]![0]));
    }
    connection.closeSync();
    db.close();
  }
}
['', '.wal'].forEach((suffix) => rmSync(file + suffix, { force: true }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = times.bare!;
const ratios = Object.fromEntries(
  Object.entries(times)
    .filter(([k]) => k !== 'bare')
    .map(([k, v]) => [k, Number(median(v.map((t, i) => t / bare[i]!)).toFixed(2))])
);
console.log(
  JSON.stringify(
    {
      csv,
      reps: Number(values.reps),
      median_ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))])),
      median_ratio_to_bare: ratios,
      rows_numbered_wrong: wrong
    },
    null,
    2
  )
);
