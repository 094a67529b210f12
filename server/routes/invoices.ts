// GET /api/invoices: the open invoices behind a figure at an as-of date, filtered by bucket,
// segment, collector, currency or customer. /buckets: the aging under the same filters;
// /customers: the customers of a bucket.
import { Hono } from 'hono';
import {
  invoiceFilters,
  invoicesQuery,
  type BucketCustomersReport,
  type BucketsReport,
  type InvoiceFilters,
  type InvoicesQuery,
  type InvoicesReport,
  type OpenInvoice
} from '../contracts/dashboard.ts';
import { ledgerBounds, type Reader } from '../reports.ts';
import { validate } from '../validate.ts';

// Filters are prepared-statement parameters; a missing one matches everything.
const WHERE = `($2::varchar is null or bucket = $2) and ($3::varchar is null or segment = $3)
  and ($4::varchar is null or collector = $4) and ($5::varchar is null or currency = $5)
  and ($6::varchar is null or customer_id = $6)`;

export const INVOICE_COLUMNS = `invoice_id, customer_id, customer_name, segment, collector, currency, invoice_date, due_date,
  round(amount, 2)::double as amount, round(balance, 2)::double as balance, days_past_due, bucket, in_dispute`;

async function resolve(db: Reader, filters: InvoiceFilters) {
  const asOf = filters.as_of ?? (await ledgerBounds(db)).last_date ?? new Date().toISOString().slice(0, 10);
  const params = [asOf, filters.bucket ?? null, filters.segment ?? null, filters.collector ?? null, filters.currency ?? null, filters.customer_id ?? null];
  return { asOf, params };
}

export async function openInvoices(db: Reader, query: InvoicesQuery): Promise<InvoicesReport> {
  const { asOf, params } = await resolve(db, query);
  const [totals] = await db.read<{ count: number; balance: number }>(
    `select count(*)::integer as count, round(coalesce(sum(balance), 0), 2)::double as balance from open_invoices($1::date) where ${WHERE}`,
    params
  );
  const invoices = await db.read<OpenInvoice>(
    `select ${INVOICE_COLUMNS} from open_invoices($1::date) where ${WHERE}
     order by days_past_due desc, balance desc, invoice_id limit $7 offset $8`,
    [...params, query.limit, query.offset]
  );
  return { as_of: asOf, ...totals, invoices };
}

export async function bucketTotals(db: Reader, filters: InvoiceFilters): Promise<BucketsReport> {
  const { asOf, params } = await resolve(db, { ...filters, bucket: undefined });
  const buckets = await db.read<BucketsReport['buckets'][number]>(
    `with filtered as (select * from open_invoices($1::date) where ${WHERE})
     select b.bucket, round(coalesce(sum(f.balance), 0), 2)::double as balance, count(f.invoice_id)::integer as invoices,
       count(distinct f.customer_id)::integer as customers
     from aging_buckets as b left join filtered as f using (bucket)
     group by b.bucket, b.bucket_order order by b.bucket_order`,
    params
  );
  const [{ total }] = await db.read<{ total: number }>(
    `select round(coalesce(sum(balance), 0), 2)::double as total from open_invoices($1::date) where ${WHERE}`,
    params
  );
  const currencies = await db.read<{ currency: string }>(
    `select distinct currency from open_invoices($1::date) where ${WHERE} and currency is not null order by currency`,
    params
  );
  return { as_of: asOf, buckets, total, currencies: currencies.map((c) => c.currency) };
}

export async function bucketCustomers(db: Reader, filters: InvoiceFilters): Promise<BucketCustomersReport> {
  const { asOf, params } = await resolve(db, filters);
  const customers = await db.read<BucketCustomersReport['customers'][number]>(
    `select customer_id, any_value(customer_name) as name, any_value(collector) as collector, any_value(currency) as currency,
       round(sum(balance), 2)::double as balance, count(*)::integer as invoices, max(days_past_due)::integer as oldest_days_past_due
     from open_invoices($1::date) where ${WHERE}
     group by customer_id order by sum(balance) desc, customer_id limit 500`,
    params
  );
  return { as_of: asOf, customers };
}

export function invoiceRoutes(db: Reader) {
  return new Hono()
    .get('/', validate('query', invoicesQuery), async (c) => c.json(await openInvoices(db, c.req.valid('query'))))
    .get('/buckets', validate('query', invoiceFilters), async (c) => c.json(await bucketTotals(db, c.req.valid('query'))))
    .get('/customers', validate('query', invoiceFilters), async (c) => c.json(await bucketCustomers(db, c.req.valid('query'))));
}
