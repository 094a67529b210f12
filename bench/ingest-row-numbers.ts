// What the row numbers cost the ingest: DuckDB's bare read of an invoices CSV, the whole ingest as it
// is (a numbered copy of the file written in Node, then read in parallel: server/ingest/numbered-copy.ts)
// and its two parts alone, and the ingest's INSERT numbered the earlier ways (staged in a temp table
// and numbered by its rowid; `row_number() over ()` on the reader) and with a constant instead of a
// row number; each into a fresh database file, medians and per-repetition ratios, one run.
// npx tsx bench/ingest-row-numbers.ts [--csv bench/out/ledger-1000000/invoices.csv] [--reps 3] [--only REGEXP]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBConnection } from '@duckdb/node-api';
import { Database } from '../server/db.ts';
import { ingestFiles } from '../server/ingest/index.ts';
import { numberedSql, sourceSql, stageCsv } from '../server/ingest/source-sql.ts';
import { numberedCopy } from '../server/ingest/numbered-copy.ts';
import { createValueMacros } from '../server/ingest/value-sql.ts';
import { applySchema } from '../server/models.ts';

const { values } = parseArgs({
  options: {
    csv: { type: 'string', default: 'bench/out/ledger-1000000/invoices.csv' },
    reps: { type: 'string', default: '3' },
    // a regular expression: only the variants whose names match (the bare read always runs)
    only: { type: 'string' }
  }
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

// capture the INSERT the ingest runs: it reads the file's numbered copy (server/ingest/numbered-copy.ts)
let insert = '';
const run = DuckDBConnection.prototype.runAndReadAll;
DuckDBConnection.prototype.runAndReadAll = function (sql: string, ...rest: unknown[]) {
  if (sql.startsWith('insert into invoices') && !insert) insert = sql; // the first part's: it has the header
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
const source = { format: 'csv' as const, path: csv, headers, delimiter: ',' as const, encoding: 'utf-8' as const };
const numberedRead = numberedSql(source);
if (!insert.includes(numberedRead)) throw new Error('the ingest did not read the numbered copy: ' + insert.slice(0, 300));
// $1 is the numbered copy's path, $2 the file's name; the other reads take the CSV itself as $1
const viaRowNumber = insert.replace(numberedRead, sourceSql(source, { ignore: true }));
const copy = await numberedCopy(csv, ',');
if (copy.kind !== 'numbered') throw new Error(`no numbered copy: ${copy.kind}`);

type Variant = (connection: DuckDBConnection) => Promise<unknown>;
const variants: Record<string, Variant> = {
  bare: (c) => c.run(`create table bare as select * from read_csv('${csv.replace(/'/g, "''")}')`),
  'ingest (the numbered copy, then one parallel INSERT; whole ingestFiles)': (c) => ingestFiles(c, [{ path: csv, name: 'invoices.csv' }]),
  'the numbered copy alone (one scan in Node, the copy written)': async () => {
    const made = await numberedCopy(csv, ',');
    if (made.kind === 'numbered') rmSync(made.dir, { recursive: true, force: true });
  },
  'the INSERT from the numbered copy alone': (c) => c.run(insert, [copy.path, 'invoices.csv']),
  'the same rows by CREATE TABLE AS (no constraint, a new table)': (c) =>
    c.run(`create table typed as ${insert.slice(insert.indexOf('select case when'))}`, [copy.path, 'invoices.csv']),
  'staged in a temp table, numbered by rowid (2026-12-01 to 12-02)': async (c) => {
    await c.run('begin');
    const staged = await stageCsv(c, source, { ignore: true }, 'ingest_stage_bench');
    await c.run(viaRowNumber.replace(sourceSql(source, { ignore: true }), staged).replace('$2', '$1'), ['invoices.csv']);
    await c.run('commit');
  },
  'the INSERT numbered by row_number() over () (before 2026-12-01)': (c) => c.run(viaRowNumber, [csv, 'invoices.csv']),
  'the INSERT with a constant row number (the floor)': (c) =>
    c.run(viaRowNumber.replace('row_number() over () + 1 as __row', '0::bigint as __row'), [csv, 'invoices.csv'])
};
const times: Record<string, number[]> = {};
const wrong: Record<string, number[]> = {};
for (let rep = 0; rep < Number(values.reps); rep++) {
  for (const [name, work] of Object.entries(variants)) {
    if (name !== 'bare' && values.only && !new RegExp(values.only).test(name)) continue;
    const { db, connection } = await fresh();
    const started = performance.now();
    await work(connection);
    (times[name] ??= []).push(performance.now() - started);
    if (name !== 'bare' && !name.startsWith('the numbered copy alone') && !name.startsWith('the same rows by CREATE')) {
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
rmSync(copy.dir, { recursive: true, force: true });
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
