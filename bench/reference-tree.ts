// A git revision's whole tree beside this one, for benchmarks that run the same script in both:
// the revision's files extracted, this tree's node_modules linked into it, and this tree's copies of
// the bench scripts they run put in its bench/, so both report the same figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Extracts `revision` into `dir` (created) with this tree's `benchFiles` (names under bench/); answers `dir`. */
export function extractTree(revision: string, dir: string, benchFiles: string[]): string {
  const here = resolve('.');
  mkdirSync(join(dir, 'bench'), { recursive: true });
  execFileSync('sh', ['-c', `git archive ${revision} | tar -x -C ${dir}`]);
  symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
  for (const file of benchFiles) copyFileSync(join(here, 'bench', file), join(dir, 'bench', file));
  return dir;
}

/** What bench/refresh-time.ts prints: each rebuild's wall and CPU milliseconds and each model's. */
export type RebuildTiming = { totals: number[]; cpu: number[]; models: Record<string, number[]> };

/** Rebuilds the models of `db` with the tree at `tree` (bench/refresh-time.ts in a process of its own). */
export function timeRebuild(tree: string, db: string): RebuildTiming {
  const result = spawnSync(resolve('node_modules', '.bin', 'tsx'), ['bench/refresh-time.ts', '--db', db], { cwd: tree, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tree}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as RebuildTiming;
}
