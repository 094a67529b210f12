// npx tsx bench/refresh-append-compare.ts --dir LEDGER --db FILE [--reference main] [--rounds 2]
// A week appended and undone (bench/refresh-append.ts --history-loaded --no-full --reps 1) by this
// tree's refresh and by a git revision's, in turn on the same database (its history loaded and its
// models up to date; each run leaves it as it found it), the order reversed every other round so
// both see the same machine load. The revision runs this tree's bench/refresh-append.ts, so both
// report the same parts: the refresh's wall and CPU time, and each part's (the touched rows, the
// scopes, the old parts of the summed models, the models, the commit), and the checkpoint after it.
// Prints the median of each and the ratios this tree ÷ the revision.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractTree } from './reference-tree.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    db: { type: 'string' },
    reference: { type: 'string', default: 'main' },
    rounds: { type: 'string', default: '2' }
  }
});
if (!values.dir || !values.db) throw new Error('--dir LEDGER (split at its last week beside it) and --db FILE are required');

const here = resolve('.');
const other = extractTree(values.reference, mkdtempSync(join(tmpdir(), 'radar-ref-')), [
  'refresh-append.ts',
  'ledger-split.ts',
  'table-compare.ts'
]);

interface Rep {
  append_ms: number;
  append_cpu_ms: number;
  append_checkpoint_ms: number;
  append_checkpoint_cpu_ms: number;
  append_parts: Record<string, [number, number]>;
  undo_ms: number;
}
const run = (tree: string): Rep => {
  const args = ['bench/refresh-append.ts', '--dir', resolve(values.dir!), '--db', resolve(values.db!), '--history-loaded', '--no-full'];
  const result = spawnSync(join(here, 'node_modules', '.bin', 'tsx'), [...args, '--reps', '1'], { cwd: tree, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tree}: ${result.stderr}`);
  const rep = (JSON.parse(result.stdout) as { reps: Rep[] }).reps[0]!;
  if ((rep as unknown as { kind: string }).kind !== 'incremental') throw new Error(`${tree}: the append was not refreshed incrementally`);
  return rep;
};

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
};
const runs: Record<'reference' | 'current', Rep[]> = { reference: [], current: [] };
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    const order = round % 2 === 0 ? (['reference', 'current'] as const) : (['current', 'reference'] as const);
    for (const which of order) {
      runs[which].push(run(which === 'reference' ? other : here));
      const r = runs[which].at(-1)!;
      process.stderr.write(
        `round ${round + 1} ${which}: refresh ${r.append_ms} ms (CPU ${r.append_cpu_ms} ms), checkpoint after ${r.append_checkpoint_ms} ms; parts [wall, CPU] ${JSON.stringify(r.append_parts)}\n`
      );
    }
  }
} finally {
  rmSync(other, { recursive: true, force: true });
}
const medians = (reps: Rep[]) => {
  const parts = new Set(reps.flatMap((r) => Object.keys(r.append_parts)));
  return {
    refresh_ms: median(reps.map((r) => r.append_ms)),
    refresh_cpu_ms: median(reps.map((r) => r.append_cpu_ms)),
    checkpoint_after_ms: median(reps.map((r) => r.append_checkpoint_ms)),
    checkpoint_after_cpu_ms: median(reps.map((r) => r.append_checkpoint_cpu_ms)),
    parts_wall_cpu_ms: Object.fromEntries(
      [...parts].map((p) => [
        p,
        [median(reps.map((r) => r.append_parts[p]?.[0] ?? 0)), median(reps.map((r) => r.append_parts[p]?.[1] ?? 0))]
      ])
    )
  };
};
const [a, b] = [medians(runs.reference), medians(runs.current)];
process.stdout.write(
  JSON.stringify(
    {
      reference: values.reference,
      rounds: Number(values.rounds),
      load_average_at_start: load,
      reference_median: a,
      current_median: b,
      ratio_wall: +(b.refresh_ms / a.refresh_ms).toFixed(3),
      ratio_cpu: +(b.refresh_cpu_ms / a.refresh_cpu_ms).toFixed(3)
    },
    null,
    1
  ) + '\n'
);
