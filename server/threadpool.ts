// Imported first by server/index.ts, before anything touches libuv's thread pool. Every DuckDB
// statement of node-api runs as a task on that pool, 4 threads by default: two long Explore
// queries, a preview and a load took all four, and every dashboard read queued behind them (issue
// 14 #2: uncached reads waited ~8.5 s). The pool is sized once, on first use.
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

process.env.UV_THREADPOOL_SIZE ??= '16';

/** The niceness given to every thread of the process but the main one (Linux's scale: 0 normal, 19 lowest). */
export const WORKER_NICENESS = 10;

/**
 * Gives every thread of the process but the main one (libuv's pool, where DuckDB's statements run,
 * DuckDB's own threads, V8's helpers) a lower priority than the main thread, whose event loop
 * answers every request. During a load's rebuild the main thread was ready to run but waiting for
 * a core 81-87 % of the time, behind DuckDB's threads among others, and dashboard reads already
 * answered from the cache waited with it (issue 14 #9). Linux only (a thread's id is a process id
 * to setpriority there); elsewhere, and for a thread that is gone, nothing happens. Returns how
 * many threads it lowered.
 */
export function lowerWorkerThreads(niceness = WORKER_NICENESS): number {
  if (process.platform !== 'linux') return 0;
  let lowered = 0;
  for (const task of readdirSync('/proc/self/task')) {
    const thread = Number(task);
    if (thread === process.pid) continue;
    try {
      if (getPriority(thread) < niceness) {
        setPriority(thread, niceness);
        lowered++;
      }
    } catch {
      // the thread ended meanwhile
    }
  }
  return lowered;
}
