// The dashboard's four reports (kpis over 90 days, aging, the last complete week's period report, a
// weekly series of 104 points) of this tree against another tree's (a git worktree, e.g. the tree
// issue 12 measured), each tree on a database it built itself from the same ledger: a schema that
// changed (currencies) keeps one tree's reports from running on the other's file. Each (tree,
// repetition) runs in its own process (bench/alternated-runs.ts), the trees alternated, so the
// ratios are taken under the same load. Per report: the first read of the freshly opened file
// (cold) and the median of --warm reads after it (warm), at the ledger's last date, read straight on
// a connection (no answer cache), as bench/scale.ts times them. With --apply, each tree first defines
// its own views and macros in its file (applyReadModels, where the tree has it): two trees whose core
// tables are the same (marts changed only) can then share copies of one database.
// With --pool the reports read through the tree's Database, as the server does (its pool of read
// connections, its read cache emptied before each report), instead of one connection.
// npx tsx bench/reads-vs-tree.ts --db FILE --ref-tree DIR --ref-db FILE [--reps 5] [--warm 5] [--apply] [--pool]
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { alternatedRuns } from './alternated-runs.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'ref-tree': { type: 'string' },
    'ref-db': { type: 'string' },
    reps: { type: 'string', default: '5' },
    warm: { type: 'string', default: '5' },
    apply: { type: 'boolean', default: false },
    pool: { type: 'boolean', default: false },
    child: { type: 'string' }
  }
});
if (!values.db || !values['ref-tree'] || !values['ref-db']) throw new Error('usage: --db FILE --ref-tree DIR --ref-db FILE');
const THIS_TREE = resolve(import.meta.dirname, '..');
const trees: Record<string, { tree: string; db: string }> = {
  this: { tree: THIS_TREE, db: resolve(values.db) },
  reference: { tree: resolve(values['ref-tree']), db: resolve(values['ref-db']) }
};
const REPORTS = ['kpis', 'aging', 'period', 'series'] as const;
type Timings = Record<`${(typeof REPORTS)[number]}_${'cold' | 'warm'}`, number> & { cpu_ms: number; as_of: string };

// the modules a tree's reports live in: server/queries/reports.ts since the API's reads were split
// by page, server/reports.ts before
async function treeModules(tree: string) {
  const reportsPath = ['server/queries/reports.ts', 'server/reports.ts'].map((p) => join(tree, p)).find((p) => existsSync(p));
  if (!reportsPath) throw new Error(`${tree}: no server/queries/reports.ts or server/reports.ts`);
  const reports = await import(reportsPath);
  const db = await import(join(tree, 'server/db.ts'));
  const asOfModule = existsSync(join(tree, 'server/as-of.ts')) ? await import(join(tree, 'server/as-of.ts')) : {};
  const ledgerBounds = asOfModule.ledgerBounds ?? reports.ledgerBounds;
  const models = await import(join(tree, 'server/models.ts'));
  return { reports, db, ledgerBounds, applyReadModels: models.applyReadModels };
}

async function timeReports(name: string): Promise<Timings> {
  const { tree, db: path } = trees[name]!;
  const { reports, db: dbModule, ledgerBounds, applyReadModels } = await treeModules(tree);
  const db = await dbModule.Database.open(path);
  const connection = await db.connect();
  if (values.apply && applyReadModels) await applyReadModels(connection);
  const reader = values.pool ? db : { read: (sql: string, params?: unknown[]) => dbModule.queryRows(connection, sql, params) };
  const { last_date: asOf } = await ledgerBounds(reader);
  const seriesFrom = new Date(Date.parse(asOf) - (7 * 104 - 1) * 86_400_000).toISOString().slice(0, 10);
  const work: Record<(typeof REPORTS)[number], () => Promise<unknown>> = {
    kpis: () => reports.kpis(reader, { as_of: asOf, window: 90 }),
    aging: () => reports.aging(reader, { as_of: asOf }),
    period: () => reports.period(reader, {}),
    series: () => reports.series(reader, { from: seriesFrom, to: asOf, grain: 'week', window: 90 })
  };
  const timed = async (run: () => Promise<unknown>) => {
    if (values.pool) db.forgetAnswers();
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const cpuBefore = process.cpuUsage();
  const timings = { as_of: asOf } as Timings;
  for (const report of REPORTS) timings[`${report}_cold`] = Math.round(await timed(work[report]));
  for (const report of REPORTS) {
    const times: number[] = [];
    for (let i = 0; i < Number(values.warm); i++) times.push(await timed(work[report]));
    timings[`${report}_warm`] = Math.round(median(times) * 10) / 10;
  }
  const cpu = process.cpuUsage(cpuBefore);
  timings.cpu_ms = Math.round((cpu.user + cpu.system) / 1000);
  connection.closeSync();
  db.close();
  return timings;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

if (values.child) {
  process.stdout.write(JSON.stringify(await timeReports(values.child)) + '\n');
} else {
  const loadBefore = loadavg()[0]!;
  const args = [
    '--db',
    values.db,
    '--ref-tree',
    values['ref-tree'],
    '--ref-db',
    values['ref-db'],
    '--warm',
    values.warm!,
    ...(values.apply ? ['--apply'] : [])
  ];
  const runs = alternatedRuns<Timings>(['reference', 'this'], Number(values.reps), args);
  const keys = [...REPORTS.flatMap((r) => [`${r}_cold`, `${r}_warm`]), 'cpu_ms'] as (keyof Timings)[];
  const summary = Object.fromEntries(
    keys.map((key) => {
      const ratios = runs.this!.map((run, i) => (run[key] as number) / (runs.reference![i]![key] as number));
      return [
        key,
        {
          reference: median(runs.reference!.map((run) => run[key] as number)),
          this: median(runs.this!.map((run) => run[key] as number)),
          ratio: Math.round(median(ratios) * 100) / 100,
          ratios: ratios.map((r) => Math.round(r * 100) / 100)
        }
      ];
    })
  );
  const asOf = { reference: runs.reference![0]!.as_of, this: runs.this![0]!.as_of };
  process.stdout.write(
    JSON.stringify(
      { reference: trees.reference, as_of: asOf, reps: Number(values.reps), load: [loadBefore, loadavg()[0]], summary },
      null,
      1
    ) + '\n'
  );
}
