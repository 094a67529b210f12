// GET /api/ledger: what the loaded ledger spans and holds (dates, currencies, segments, collectors),
// so pages can default the week and offer filters without guessing.
import { Hono } from 'hono';
import type { LedgerInfo } from '../contracts/dashboard.ts';
import { ledgerBounds, type Reader } from '../reports.ts';

export async function ledgerInfo(db: Reader): Promise<LedgerInfo> {
  const bounds = await ledgerBounds(db);
  const currencies = await db.read<{ currency: string | null; invoices: number }>(
    `select coalesce(i.currency, c.currency) as currency, count(*)::integer as invoices
     from stg_invoices as i left join stg_customers as c using (customer_id)
     group by all order by invoices desc`
  );
  const segments = await db.read<{ v: string }>('select distinct segment as v from stg_customers where segment is not null order by v');
  const collectors = await db.read<{ v: string }>('select distinct collector as v from stg_customers where collector is not null order by v');
  return { ...bounds, currencies, segments: segments.map((r) => r.v), collectors: collectors.map((r) => r.v) };
}

export function ledgerRoutes(db: Reader) {
  return new Hono().get('/', async (c) => c.json(await ledgerInfo(db)));
}
