// npx tsx bench/refresh-compare.ts --db FILE [--reference main] [--rounds 3]
// Times the whole model rebuild (refreshModels) of this tree against that of a git revision on the
// same loaded database (for example the 1 M-invoice one bench/risk-perf.ts builds), alternating
// the two, one rebuild each per round, so both see the same machine load. Prints the median total
// of each, their ratio, and the median of each model that changed the most.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractTree, timeRebuild, type RebuildTiming } from './reference-tree.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, reference: { type: 'string', default: 'main' }, rounds: { type: 'string', default: '3' } }
});
if (!values.db) throw new Error('--db FILE is required (a loaded database, e.g. /tmp/risk-perf/risk-1000000.duckdb)');

const here = resolve('.');
const other = extractTree(values.reference, mkdtempSync(join(tmpdir(), 'radar-ref-')), ['refresh-time.ts']);

type Timing = RebuildTiming;
const run = (tree: string): Timing => timeRebuild(tree, resolve(values.db!));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mine: Timing[] = [];
const theirs: Timing[] = [];
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    theirs.push(run(other));
    mine.push(run(here));
    process.stderr.write(
      `round ${round + 1}: ${values.reference} ${theirs.at(-1)!.totals[0]} ms, this tree ${mine.at(-1)!.totals[0]} ms\n`
    );
  }
} finally {
  rmSync(other, { recursive: true, force: true });
}
const perModel = (timings: Timing[]) => {
  const names = new Set(timings.flatMap((t) => Object.keys(t.models)));
  return Object.fromEntries([...names].map((name) => [name, median(timings.map((t) => t.models[name]?.[0] ?? 0))]));
};
const [a, b] = [median(theirs.map((t) => t.totals[0])), median(mine.map((t) => t.totals[0]))];
const [ma, mb] = [perModel(theirs), perModel(mine)];
const changed = Object.keys({ ...ma, ...mb })
  .map((name) => ({ name, reference: ma[name] ?? 0, current: mb[name] ?? 0 }))
  .sort((x, y) => Math.abs(y.current - y.reference) - Math.abs(x.current - x.reference))
  .slice(0, 12);
process.stdout.write(
  JSON.stringify(
    {
      reference: values.reference,
      rounds: Number(values.rounds),
      load_average_at_start: load,
      median_total_ms: { reference: a, current: b },
      ratio: +(b / a).toFixed(3),
      models_ms: changed
    },
    null,
    1
  ) + '\n'
);
