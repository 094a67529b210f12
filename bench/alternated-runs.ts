// Variants of one benchmark alternated in one run, each (variant, repetition) in a process of its own,
// so its peak RSS and CPU are its own: the calling script runs itself again with `args` and
// `--child VARIANT`, and the child prints one JSON line. Odd repetitions take the variants in reverse
// order, so neither always runs first on a machine whose load changes.
import { execFileSync } from 'node:child_process';

export function alternatedRuns<T>(variants: string[], reps: number, args: string[]): Record<string, T[]> {
  const runs: Record<string, T[]> = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const variant of rep % 2 ? [...variants].reverse() : variants) {
      const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, ...args, '--child', variant], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit']
      });
      const result = JSON.parse(out) as T;
      runs[variant]!.push(result);
      process.stderr.write(`rep ${rep} ${variant}: ${JSON.stringify(result)}\n`);
    }
  }
  return runs;
}
