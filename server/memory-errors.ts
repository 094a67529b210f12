// A read or write that needs more memory than DuckDB may use (RADAR_MEMORY_LIMIT) fails with
// DuckDB's "Out of Memory Error". That is not the request's fault and not a crash: the server
// answers 503 in words that say what to change, the CLI exits 1 with the same line, and the
// process goes on serving (docs/scaling.md: drift, the worklist and the forecast at 50 M invoices
// need more than the default 2.5 GB).
import { config } from './config.ts';

const OUT_OF_MEMORY = /Out of Memory Error: ([^\n]*)/;

/** The reason to give when DuckDB ran out of its memory limit, if that is why the work failed. */
export function outOfMemoryReason(error: unknown): string | undefined {
  const detail = error instanceof Error ? OUT_OF_MEMORY.exec(error.message)?.[1] : undefined;
  if (detail === undefined) return undefined;
  return (
    `the database needs more memory for this than its limit of ${config.memoryLimit} allows (${detail.trim()}); ` +
    'nothing was changed: set RADAR_MEMORY_LIMIT higher on a machine with the memory, or ask for less (docs/scaling.md)'
  );
}
