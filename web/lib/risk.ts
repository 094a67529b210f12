// The risk engine's endpoints (issue 4): GET /api/drift, GET /api/worklist, POST /api/activities.
// Should one be missing (404), pages say plainly that the score is not computed and the worklist
// falls back to ranking customers by past-due balance and age (GET /api/customers).
import { ApiError, request, type Fetch } from './api.ts';
import type { ActivityInput, Activity, DriftReport, WorklistReport } from '../../server/contracts/risk.ts';
import { OVERVIEW_DRIFT_ROWS, WORKLIST_PAGE_ITEMS, type CustomersReport } from '../../server/contracts/dashboard.ts';

export type { ActivityInput } from '../../server/contracts/risk.ts';
export type WorklistRow = Pick<
  WorklistReport['items'][number],
  'customer_id' | 'name' | 'collector' | 'open_balance' | 'past_due_balance' | 'oldest_days_past_due' | 'reasons'
> & { priority: number | null; drift_score: number | null; next_action: string | null; next_action_on: string | null };

export type Scored<T> = { scored: true; rows: T; note?: undefined } | { scored: false; rows: T; note: string };

const NOT_COMPUTED = 'The payment-behaviour drift score is not computed yet (the risk engine has not landed).';

async function optional<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function topDrift(fetcher: Fetch, asOf: string, limit = OVERVIEW_DRIFT_ROWS): Promise<Scored<DriftReport['customers']>> {
  const answer = await optional(request<DriftReport>(fetcher, '/drift', { query: { as_of: asOf, limit } }));
  if (!answer) return { scored: false, rows: [], note: NOT_COMPUTED };
  return { scored: true, rows: answer.customers.slice(0, limit) };
}

/** One page of the worklist (WORKLIST_PAGE_ITEMS rows from `offset`) and how many customers the whole list holds. */
export async function worklist(
  fetcher: Fetch,
  query: { as_of?: string; collector?: string; offset?: number }
): Promise<Scored<WorklistRow[]> & { as_of: string; total: number; offset: number }> {
  const offset = query.offset ?? 0;
  const real = await optional(request<WorklistReport>(fetcher, '/worklist', { query: { ...query, offset, limit: WORKLIST_PAGE_ITEMS } }));
  if (real) return { scored: true, rows: real.items, as_of: real.as_of, total: real.total, offset };
  const fallback = await request<CustomersReport>(fetcher, '/customers', { query: { ...query, past_due_only: 'true', limit: WORKLIST_PAGE_ITEMS } });
  const rows: WorklistRow[] = fallback.customers.map((c) => ({
    customer_id: c.customer_id,
    name: c.name,
    collector: c.collector,
    open_balance: c.open_balance,
    past_due_balance: c.past_due_balance,
    oldest_days_past_due: c.oldest_days_past_due,
    reasons: c.disputed_invoices > 0 ? [`${c.disputed_invoices} invoice(s) in dispute`] : [],
    priority: null,
    drift_score: null,
    next_action: null,
    next_action_on: null
  }));
  return { scored: false, rows, as_of: fallback.as_of, total: rows.length, offset: 0, note: `${NOT_COMPUTED} Ranked by past-due balance, then by the oldest days past due.` };
}

/** Logs a collection touch (append-only, stored in DuckDB by the risk engine's route). */
export function logActivity(fetcher: Fetch, input: ActivityInput): Promise<Activity> {
  return request<Activity>(fetcher, '/activities', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
}
