// The risk engine's endpoints: GET /api/drift, GET /api/worklist, POST /api/activities.
import { request, type Fetch } from './api.ts';
import type { ActivityInput, Activity, DriftReport, WorklistReport } from '../../server/contracts/risk.ts';
import { OVERVIEW_DRIFT_ROWS, WORKLIST_PAGE_ITEMS } from '../../server/contracts/dashboard.ts';

export type { ActivityInput } from '../../server/contracts/risk.ts';
export type WorklistRow = WorklistReport['items'][number];

/** The overview's most drifting customers at a date. */
export async function topDrift(fetcher: Fetch, asOf: string, limit = OVERVIEW_DRIFT_ROWS): Promise<{ rows: DriftReport['customers'] }> {
  const answer = await request<DriftReport>(fetcher, '/drift', { query: { as_of: asOf, limit } });
  return { rows: answer.customers.slice(0, limit) };
}

/** One page of the worklist (WORKLIST_PAGE_ITEMS rows from `offset`) and how many customers the whole list holds. */
export async function worklist(
  fetcher: Fetch,
  query: { as_of?: string; collector?: string; offset?: number }
): Promise<{ rows: WorklistRow[]; as_of: string; total: number; offset: number }> {
  const offset = query.offset ?? 0;
  const answer = await request<WorklistReport>(fetcher, '/worklist', { query: { ...query, offset, limit: WORKLIST_PAGE_ITEMS } });
  return { rows: answer.items, as_of: answer.as_of, total: answer.total, offset };
}

/** Logs a collection touch (append-only, stored in DuckDB by the risk engine's route). */
export function logActivity(fetcher: Fetch, input: ActivityInput): Promise<Activity> {
  return request<Activity>(fetcher, '/activities', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input)
  });
}
