// What the upload preview's cell checks cost: the whole preview of an invoices CSV (inspectFile)
// against the part of it that runs the load's row checks over the first rows (badRowRejections with
// firstRows), alternating, medians of `reps`, in one process.
//   npx tsx bench/preview-cell-checks.ts [rows] [reps]
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../server/db.ts';
import { inspectFile } from '../server/ingest/index.ts';
import { badRowRejections } from '../server/ingest/bad-rows.ts';
import { parseOptions } from '../server/ingest/load.ts';
import { prepareFile } from '../server/ingest/prepare.ts';
import { createValueMacros } from '../server/ingest/value-sql.ts';

const rowsWanted = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 5);
const dir = join(tmpdir(), 'preview-bench');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `invoices-${rowsWanted}.csv`);
const db = await Database.open(':memory:');

if (!existsSync(csv)) {
  await db.withConnection((c) =>
    c.run(`copy (select 'INV-' || lpad(i::varchar, 9, '0') as invoice_id, 'C' || (i % 5000)::varchar as customer_id,
        date '2015-01-01' + (i % 3000)::int as invoice_date, date '2015-01-01' + (i % 3000)::int + 30 as due_date,
        round(10 + (hash(i) % 100000) / 100.0, 2)::decimal(18, 2) as amount, 'USD' as currency,
        case when i % 17 = 0 then 'Yes' else 'No' end as disputed
      from range(${rowsWanted}) r(i)) to '${csv}' (header, delimiter ',')`)
  );
}
const file = { path: csv, name: 'invoices.csv' };

const preview = () => db.withConnection((c) => inspectFile(c, file));
const cellChecks = () =>
  db.withConnection(async (c) => {
    await createValueMacros(c);
    const preparation = await prepareFile(c, file, parseOptions({}), 0);
    const started = performance.now();
    await badRowRejections(c, preparation.prepared!, 200, 10);
    return performance.now() - started;
  });

const previewMs: number[] = [];
const checksMs: number[] = [];
for (let i = 0; i < reps; i++) {
  const started = performance.now();
  await preview();
  previewMs.push(performance.now() - started);
  checksMs.push(await cellChecks());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`rows ${rowsWanted}, reps ${reps}`);
console.log(`whole preview (ms): ${previewMs.map(Math.round).join(', ')} (median ${Math.round(median(previewMs))})`);
console.log(`cell checks of the first 10 rows (ms): ${checksMs.map(Math.round).join(', ')} (median ${Math.round(median(checksMs))})`);
console.log(`share of the preview: ${((median(checksMs) / median(previewMs)) * 100).toFixed(0)} %`);
db.close();
