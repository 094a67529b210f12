// A collector sees only the customers whose collector is theirs: list endpoints get the collector
// filter forced, one-customer endpoints check the customer first.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Database } from '../db.ts';
import type { Principal } from './roles.ts';

/** Lists and reports that take a `collector` filter: it is set to the collector's own name, whatever was asked. */
const FILTERED_LISTS = [
  '/api/worklist',
  '/api/invoices',
  '/api/customers',
  '/api/aged-balance',
  '/api/promises',
  '/api/performance',
  '/api/kpis',
  '/api/aging',
  '/api/period',
  '/api/series',
  '/api/review',
  '/api/review/recovery'
];

export async function scopeToCollector(c: Context, db: Database, principal: Principal): Promise<void> {
  const own = principal.collector;
  if (!own) throw new HTTPException(403, { message: 'this collector account has no collector name; ask an admin' });
  const path = c.req.path;
  const url = new URL(c.req.url);

  // an export of one customer's ledger is that customer's page; the other exports are filtered lists
  if (path.startsWith('/api/exports/ledger.')) return ensureOwn(db, url.searchParams.get('customer_id') ?? '', own);
  const filtered = ['/api/invoices/', '/api/aged-balance/', '/api/promises/', '/api/exports/'];
  if (FILTERED_LISTS.some((p) => path === p || path === p + '/') || filtered.some((p) => path.startsWith(p))) {
    const asked = url.searchParams.get('collector');
    if (asked && asked !== own) throw new HTTPException(403, { message: `collector: you see your own customers only (${own})` });
    url.searchParams.set('collector', own);
    c.req.raw = new Request(url, c.req.raw);
    return;
  }
  const customer = /^\/api\/customers\/([^/]+)/.exec(path);
  if (customer) return ensureOwn(db, decodeURIComponent(customer[1]), own);
  if (path === '/api/activities' || path.startsWith('/api/activities/')) {
    const id = c.req.method === 'GET' ? url.searchParams.get('customer_id') : await bodyCustomer(c);
    if (!id) throw new HTTPException(403, { message: 'customer_id: a collector must name one of their customers' });
    return ensureOwn(db, id, own);
  }
}

async function bodyCustomer(c: Context): Promise<string | null> {
  const body = (await c.req.json().catch(() => null)) as { customer_id?: unknown } | null;
  return typeof body?.customer_id === 'string' ? body.customer_id : null;
}

async function ensureOwn(db: Database, customerId: string, own: string): Promise<void> {
  const [row] = await db.read<{ collector: string | null }>('select collector from stg_customers where customer_id = $1', [customerId]);
  // an unknown customer and someone else's answer alike, so ids cannot be probed
  if (!row || row.collector !== own) throw new HTTPException(403, { message: `customer ${customerId} is not one of your customers` });
}
