// The risk engine's endpoints (issue 4): GET /api/drift and GET /api/worklist per interface.md.
// Until they exist (404), pages say plainly that the score is not computed yet and the worklist
// falls back to ranking customers by past-due balance and age (GET /api/customers).
import { ApiError, request, type Fetch } from './api.ts';

export interface DriftCustomer {
  customer_id: string;
  score: number;
  flagged: boolean;
  reasons: string[];
}

export interface WorklistItem {
  customer_id: string;
  name: string | null;
  collector: string | null;
  currency: string | null;
  priority: number | null;
  open_balance: number;
  past_due_balance: number;
  oldest_days_past_due: number;
  drift_score: number | null;
  next_action: string | null;
  reasons: string[];
  last_activity_date: string | null;
}

export type Scored<T> = { scored: true; rows: T } | { scored: false; rows: T; note: string };

const NOT_COMPUTED = 'The payment-behaviour drift score is not computed yet (the risk engine has not landed).';

async function optional<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function topDrift(fetcher: Fetch, asOf: string, limit = 8): Promise<Scored<DriftCustomer[]>> {
  const answer = await optional(request<{ customers: DriftCustomer[] }>(fetcher, '/drift', { query: { as_of: asOf, limit } }));
  if (!answer) return { scored: false, rows: [], note: NOT_COMPUTED };
  return { scored: true, rows: answer.customers.slice(0, limit) };
}

export async function worklist(fetcher: Fetch, query: { as_of?: string; collector?: string }): Promise<Scored<WorklistItem[]> & { as_of: string }> {
  type Real = { as_of: string; items: (Omit<WorklistItem, 'name' | 'collector' | 'currency' | 'last_activity_date'> & Partial<WorklistItem>)[] };
  const real = await optional(request<Real>(fetcher, '/worklist', { query: { ...query, limit: 500 } }));
  if (real) {
    const rows = real.items.map((item) => ({ name: null, collector: null, currency: null, last_activity_date: null, ...item }));
    return { scored: true, rows, as_of: real.as_of };
  }
  const fallback = await request<import('../../server/contracts/dashboard.ts').CustomersReport>(fetcher, '/customers', {
    query: { ...query, past_due_only: 'true', limit: 500 }
  });
  const rows: WorklistItem[] = fallback.customers.map((c) => ({
    customer_id: c.customer_id,
    name: c.name,
    collector: c.collector,
    currency: c.currency,
    priority: null,
    open_balance: c.open_balance,
    past_due_balance: c.past_due_balance,
    oldest_days_past_due: c.oldest_days_past_due,
    drift_score: null,
    next_action: null,
    reasons: c.disputed_invoices > 0 ? [`${c.disputed_invoices} invoice(s) in dispute`] : [],
    last_activity_date: c.last_activity_date
  }));
  return { scored: false, rows, as_of: fallback.as_of, note: `${NOT_COMPUTED} Ranked by past-due balance, then by the oldest days past due.` };
}
