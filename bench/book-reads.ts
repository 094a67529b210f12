// npx tsx bench/book-reads.ts --db FILE [--reference REV] [--reps 5]
// The cold read time (read cache emptied before each) of the overview's reports — the weekly review
// (52 weeks), a year's weekly series, the last week's period, kpis and aging — for the whole
// portfolio and, where the tree has books (collector=), for its largest collector's book. With
// --reference, the same reads in that git revision's tree too, each tree on its own copy of the
// database with its own models built, alternated rep by rep so both see the same machine load.
// Prints one JSON document: the median per read and tree, and the ratio this tree / reference.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractTree } from './reference-tree.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, reference: { type: 'string' }, reps: { type: 'string', default: '5' }, child: { type: 'boolean' } }
});
const dbFile = values.db;
if (!dbFile) throw new Error('--db FILE is required (a loaded database, e.g. the one bench/rebuild-profile.ts writes)');

if (values.child) {
  // in a tree: build its models on this copy, then one cold round of every read
  const { Database } = await import(resolve('server/db.ts'));
  const { applySchema, refreshModels, modelsUpToDate } = await import(resolve('server/models.ts'));
  const reports = await import(resolve('server/queries/reports.ts'));
  const { review } = await import(resolve('server/queries/review.ts'));
  const db = await Database.open(dbFile);
  await db.write(async (c: unknown) => {
    await applySchema(c);
    if (!(await modelsUpToDate(c))) await refreshModels(c);
  });
  const [{ collector }] = await db.read(
    'select collector from all_customers where collector is not null group by collector order by count(*) desc limit 1'
  );
  const books =
    (
      await db.read(
        "select count(*)::integer as n from duckdb_columns() where table_name = 'daily_positions' and column_name = 'collector'"
      )
    )[0].n > 0;
  const [{ week_end }] = await db.read('select last_week_end::varchar as week_end from ledger_bounds()');
  const from = new Date(Date.parse(week_end) - 6 * 86_400_000).toISOString().slice(0, 10);
  const reads: Record<string, (book?: string) => Promise<unknown>> = {
    review: (book) => review(db, { week_end, weeks: 52, window: 90, collector: book }),
    series: (book) => reports.series(db, { to: week_end, grain: 'week', window: 90, collector: book }),
    period: (book) => reports.period(db, { from, to: week_end, collector: book }),
    kpis: (book) => reports.kpis(db, { as_of: week_end, window: 90, collector: book }),
    aging: (book) => reports.aging(db, { as_of: week_end, collector: book })
  };
  const times: Record<string, number> = {};
  for (const [name, read] of Object.entries(reads)) {
    for (const book of books ? [undefined, collector] : [undefined]) {
      db.forgetAnswers();
      const started = performance.now();
      await read(book);
      times[`${name}${book ? ' (book)' : ''}`] = Math.round(performance.now() - started);
    }
  }
  db.close();
  process.stdout.write(JSON.stringify(times) + '\n');
  process.exit(0);
}

const here = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'radar-book-reads-'));
const trees: Record<string, string> = { current: here };
if (values.reference) {
  trees.reference = extractTree(values.reference, join(work, 'reference'), ['book-reads.ts', 'reference-tree.ts']);
}
const copies = Object.fromEntries(
  Object.keys(trees).map((name) => {
    const file = join(work, `${name}.duckdb`);
    copyFileSync(resolve(dbFile), file);
    return [name, file];
  })
);
const runs: Record<string, Record<string, number>[]> = {};
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
try {
  for (let rep = 0; rep < Number(values.reps); rep++) {
    for (const [name, tree] of Object.entries(trees)) {
      const result = spawnSync(join(here, 'node_modules', '.bin', 'tsx'), ['bench/book-reads.ts', '--child', '--db', copies[name]], {
        cwd: tree,
        encoding: 'utf8'
      });
      if (result.status !== 0) throw new Error(`${name}: ${result.stderr}`);
      (runs[name] ??= []).push(JSON.parse(result.stdout.trim().split('\n').at(-1)!));
      process.stderr.write(`rep ${rep + 1} ${name}: ${result.stdout.trim()}\n`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medians = Object.fromEntries(
  Object.entries(runs).map(([name, rs]) => [name, Object.fromEntries(Object.keys(rs[0]).map((k) => [k, median(rs.map((r) => r[k]))]))])
);
const ratio = medians.reference
  ? Object.fromEntries(Object.keys(medians.reference).map((k) => [k, +(medians.current[k] / medians.reference[k]).toFixed(2)]))
  : undefined;
process.stdout.write(JSON.stringify({ reps: Number(values.reps), load_average_at_start: load, median_ms: medians, ratio }, null, 1) + '\n');
