// Stops a connection's statement at a deadline or when the client goes away (Explore, previews, loads). One interrupt() is
// not enough: node-api runs each statement as a task on libuv's thread pool, and a statement still
// waiting for a thread when interrupt() is called starts afterwards with the flag cleared and runs
// to the end (issue 14 #2: 4 of 8 parallel cross joins ignored their 10 s limit). So once stopped,
// the connection is interrupted again every 100 ms until the work settles.
import type { DuckDBConnection } from '@duckdb/node-api';

export type StopReason = 'deadline' | 'aborted';

export interface Stopper {
  /** why the work was stopped, or null while it runs */
  readonly reason: StopReason | null;
  /** call once the work settled */
  done(): void;
}

export function stopAt(connection: DuckDBConnection, timeoutMs: number | null, signal?: AbortSignal): Stopper {
  let reason: StopReason | null = null;
  let repeat: ReturnType<typeof setInterval> | undefined;
  const stop = (why: StopReason) => {
    if (reason) return;
    reason = why;
    connection.interrupt();
    repeat = setInterval(() => connection.interrupt(), 100);
  };
  const timer = timeoutMs === null ? undefined : setTimeout(() => stop('deadline'), timeoutMs);
  const onAbort = () => stop('aborted');
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    get reason() {
      return reason;
    },
    done() {
      clearTimeout(timer);
      clearInterval(repeat);
      signal?.removeEventListener('abort', onAbort);
    }
  };
}
