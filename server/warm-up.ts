// After start and after every write, compute what the overview, the worklist and a customer's page
// ask first, so the answers wait in the read cache (server/db.ts) and a first view does not pay for them.
// The calls are the routes' own reads (server/queries/), with the parameters the pages send, so the cached answers are theirs.
import { OVERVIEW_DRIFT_ROWS, WORKLIST_PAGE_ITEMS, recoveryQuery, reviewQuery } from './contracts/dashboard.ts';
import type { Reader } from './queries/reader.ts';
import { drift } from './queries/drift.ts';
import { worklist } from './queries/worklist.ts';
import { ledgerInfo } from './queries/ledger.ts';
import { recovery, review } from './queries/review.ts';

export async function warmUp(db: Reader): Promise<number> {
  const started = performance.now();
  const weekly = await review(db, reviewQuery.parse({}));
  await ledgerInfo(db);
  await recovery(db, recoveryQuery.parse({}));
  await drift(db, { as_of: weekly.week_end, limit: OVERVIEW_DRIFT_ROWS });
  await worklist(db, { limit: WORKLIST_PAGE_ITEMS });
  // a customer's page, opened from the worklist, shows its entry of the whole day's drift report
  await drift(db, {});
  return performance.now() - started;
}

/**
 * Warms the cache now and after each write (load, undo, logged activity), one run at a time, in
 * the background; a failure is logged, never thrown. Reads are spread over several connections
 * (server/db.ts), so a warm-up that takes seconds does not hold up the pages being read meanwhile.
 */
export function keepWarm(db: Reader & { onWritten(listener: () => void): void }, log: (message: string) => void): void {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const ms = await warmUp(db);
      log(`overview and worklist ready in ${(ms / 1000).toFixed(1)} s`);
    } catch (error) {
      log(`could not prepare the overview: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  db.onWritten(() => void run());
  void run();
}
