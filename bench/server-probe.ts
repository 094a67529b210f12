// Loaded into the server by bench/load-test.ts (node --import): once a second, the event loop's delay
// (perf_hooks.monitorEventLoopDelay) and, on Linux, how long the main thread ran and how long it was
// ready but waited for a core (/proc/self/task/PID/schedstat), appended as a JSON line to
// LOAD_TEST_PROBE_FILE. It separates a read slowed by work on the event loop from one slowed by a
// main thread that gets no CPU (others' load on a shared machine, DuckDB's own threads).
import { appendFileSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProbeSample {
  /** Date.now() at the end of the second */
  t: number;
  /** the sample's actual length, ms (a busy event loop fires the timer late) */
  ms: number;
  /** event loop delay in the second, ms */
  p50: number;
  p99: number;
  max: number;
  /** the main thread's time on a core and waiting for one in the second, ms (null off Linux) */
  runMs: number | null;
  waitMs: number | null;
}

const file = process.env.LOAD_TEST_PROBE_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const schedstat = (): number[] | null => {
    try {
      return readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    } catch {
      return null;
    }
  };
  let last = schedstat();
  let lastAt = Date.now();
  setInterval(() => {
    const now = schedstat();
    const at = Date.now();
    const sample: ProbeSample = {
      t: at,
      ms: at - lastAt,
      p50: histogram.percentile(50) / 1e6,
      p99: histogram.percentile(99) / 1e6,
      max: histogram.max / 1e6,
      runMs: now && last ? (now[0] - last[0]) / 1e6 : null,
      waitMs: now && last ? (now[1] - last[1]) / 1e6 : null
    };
    last = now;
    lastAt = at;
    histogram.reset();
    appendFileSync(file, JSON.stringify(sample) + '\n');
  }, 1000).unref();
}
