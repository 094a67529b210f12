// Typed fetch of /api. Every page goes through `request`, so a session cookie or CSRF header
// (issue 5) is added in one place. Types come from server/contracts, never restated here.
import type { KpisReport, PeriodReport, AgingReport } from '../../server/contracts/reports.ts';
import type {
  BucketCustomersReport,
  BucketsReport,
  CustomerReport,
  CustomersReport,
  InvoicesReport,
  LedgerInfo,
  RecoveryComparison,
  ReviewReport
} from '../../server/contracts/dashboard.ts';
import type { LoadsReport, UndoReport, WriteProgressReport } from '../../server/contracts/loads.ts';
import { answersMoney, reporting } from './reporting-currency.svelte.ts';
import type { AgedBalanceReport, AgedCellReport } from '../../server/contracts/aged-balance.ts';
import type { PromisesReport } from '../../server/contracts/promises.ts';
import type { PerformanceReport } from '../../server/contracts/performance.ts';

export type Fetch = typeof fetch;
export type Query = Record<string, string | number | boolean | null | undefined>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One request to /api: JSON in and out, `{"error"}` answers become an ApiError with the server's words. */
export async function request<T>(fetcher: Fetch, path: string, init: RequestInit & { query?: Query } = {}): Promise<T> {
  const { query: asked, ...rest } = init;
  // money comes back in the reporting currency picked in the header (?currency=), unless asked otherwise
  const query = answersMoney(path) && reporting.chosen && !asked?.currency ? { ...asked, currency: reporting.chosen } : asked;
  const response = await fetcher(`/api${path}${queryString(query)}`, { credentials: 'same-origin', ...rest, headers: withCsrf(rest) });
  // signed out (or the session expired): to the sign-in page, and back here afterwards
  if (response.status === 401 && path !== '/session') toSignIn();
  const type = response.headers.get('content-type') ?? '';
  // The server answers unknown page paths with the app's index.html; under /api that means
  // the endpoint does not exist (yet), which callers treat like a 404.
  if (response.ok && !type.includes('json')) throw new ApiError(404, `no such endpoint: ${path}`);
  if (!response.ok) {
    const body = type.includes('json') ? ((await response.json().catch(() => ({}))) as { error?: string }) : {};
    // figures that need an exchange rate not loaded: the header says so once, with a way to load rates
    if (response.status === 422 && body.error?.startsWith('no exchange rate')) reporting.missingRate = body.error;
    throw new ApiError(response.status, body.error ?? `${response.status} ${response.statusText}`);
  }
  return (await response.json()) as T;
}

/** The CSRF token the server set at sign-in (cookie radar_csrf), sent back on every state change. */
export function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return /(?:^|;\s*)radar_csrf=([^;]+)/.exec(document.cookie)?.[1];
}

function withCsrf(init: RequestInit): Headers {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  const token = csrfToken();
  if (token && method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-Token', token);
  return headers;
}

export function toSignIn(): void {
  if (typeof location === 'undefined' || location.pathname === '/login') return;
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/** The typed endpoints. `fetcher` is the one a load function is given (or the global fetch). */
export function api(fetcher: Fetch = fetch) {
  return {
    ledger: () => request<LedgerInfo>(fetcher, '/ledger'),
    kpis: (query: { as_of?: string; window?: number; currency?: string }) => request<KpisReport>(fetcher, '/kpis', { query }),
    period: (query: { from: string; to: string; currency?: string }) => request<PeriodReport>(fetcher, '/period', { query }),
    aging: (query: { as_of?: string; currency?: string }) => request<AgingReport>(fetcher, '/aging', { query }),
    review: (query: { week_end?: string; weeks?: number; currency?: string }) => request<ReviewReport>(fetcher, '/review', { query }),
    recovery: (query: { week_end?: string; currency?: string }) => request<RecoveryComparison>(fetcher, '/review/recovery', { query }),
    buckets: (query: Query) => request<BucketsReport>(fetcher, '/invoices/buckets', { query }),
    bucketCustomers: (query: Query) => request<BucketCustomersReport>(fetcher, '/invoices/customers', { query }),
    invoices: (query: Query) => request<InvoicesReport>(fetcher, '/invoices', { query }),
    customers: (query: Query) => request<CustomersReport>(fetcher, '/customers', { query }),
    customer: (id: string, query: Query = {}) => request<CustomerReport>(fetcher, `/customers/${encodeURIComponent(id)}`, { query }),
    loads: () => request<LoadsReport>(fetcher, '/loads'),
    loadProgress: () => request<WriteProgressReport>(fetcher, '/loads/progress'),
    undoLoad: (id: number) => request<UndoReport>(fetcher, `/loads/${id}/undo`, { method: 'POST' }),
    agedBalance: (query: Query) => request<AgedBalanceReport>(fetcher, '/aged-balance', { query }),
    agedCell: (query: Query) => request<AgedCellReport>(fetcher, '/aged-balance/invoices', { query }),
    promises: (query: Query) => request<PromisesReport>(fetcher, '/promises', { query }),
    performance: (query: Query) => request<PerformanceReport>(fetcher, '/performance', { query })
  };
}
