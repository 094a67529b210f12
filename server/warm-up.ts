// After start, compute what the overview and the worklist ask first, so the answers wait in the
// read cache (server/db.ts) and a controller's first view does not pay for them.
// The calls are the routes' own, with the parameters the pages send, so the cached answers are theirs.
import { recoveryQuery, reviewQuery } from './contracts/dashboard.ts';
import type { Reader } from './reports.ts';
import { drift } from './risk/drift.ts';
import { worklist } from './risk/worklist.ts';
import { ledgerInfo } from './routes/ledger.ts';
import { recovery, review } from './routes/review.ts';

/** The worklist page asks for this many items (web/lib/risk.ts). */
const WORKLIST_PAGE_ITEMS = 500;

export async function warmUp(db: Reader): Promise<number> {
  const started = performance.now();
  const weekly = await review(db, reviewQuery.parse({}));
  await ledgerInfo(db);
  await recovery(db, recoveryQuery.parse({}));
  await drift(db, { as_of: weekly.week_end });
  await worklist(db, { limit: WORKLIST_PAGE_ITEMS });
  return performance.now() - started;
}

/**
 * Warms the cache once, after start, in the background; a failure is logged, never thrown.
 * Not after every write: warming right after an upload's commit hung the next requests in the
 * load test (test/hardening-load.test.ts), a DuckDB interaction not yet understood.
 */
export function warmUpInBackground(db: Reader, log: (message: string) => void): void {
  warmUp(db).then(
    (ms) => log(`overview and worklist ready in ${(ms / 1000).toFixed(1)} s`),
    (error: unknown) => log(`could not prepare the overview: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
  );
}
