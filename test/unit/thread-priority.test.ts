// server/threadpool.ts lowerWorkerThreads: every thread of the process but the main one runs at a
// lower priority (nice 10), so the event loop gets a core before DuckDB's and libuv's threads do.
import { readFileSync, readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { WORKER_NICENESS, lowerWorkerThreads } from '../../server/threadpool.ts';

/** nice of each thread of this process, by thread id (field 19 of /proc/self/task/ID/stat) */
function niceness(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const task of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    threads.set(Number(task), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return threads;
}

describe.runIf(process.platform === 'linux')('worker threads below the main thread', () => {
  it('lowers every thread but the main one, and leaves the main one as it was', async () => {
    // DuckDB's threads and libuv's pool (a statement runs there) exist before the call
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run('select 1');
    const main = getPriority(process.pid);
    const before = niceness();
    expect(before.size).toBeGreaterThan(2);
    const lowered = lowerWorkerThreads();
    const after = niceness();
    expect(after.get(process.pid)).toBe(main);
    for (const [thread, nice] of after) if (thread !== process.pid) expect(nice).toBeGreaterThanOrEqual(WORKER_NICENESS);
    // the threads below the niceness were lowered (one started meanwhile would be lowered too)
    expect(lowered).toBeGreaterThanOrEqual([...before].filter(([thread, nice]) => thread !== process.pid && nice < WORKER_NICENESS).length);
    expect(lowered).toBeGreaterThan(0);
    expect(lowerWorkerThreads()).toBe(0);
    connection.closeSync();
    instance.closeSync();
  });
});
