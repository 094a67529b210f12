// The open invoices behind a figure at an as-of date, filtered by bucket (or 'credits'), segment,
// collector, invoice currency or customer; the aging under the same filters; the customers of a
// bucket. Each invoice is in its own currency; totals are in the reporting currency (`currency`),
// each currency's total converted at the as-of date.
import type {
  BucketCustomersReport,
  BucketsReport,
  InvoiceFilters,
  InvoicesQuery,
  InvoicesReport,
  OpenInvoice
} from '../contracts/dashboard.ts';
import { resolveAsOf } from '../as-of.ts';
import { reportingCurrency, type Reader } from './reader.ts';

// Filters are prepared-statement parameters; a missing one matches everything. $7 is the reporting currency.
const WHERE = `($2::varchar is null or bucket = $2) and ($3::varchar is null or segment = $3)
  and ($4::varchar is null or collector = $4) and ($5::varchar is null or currency = upper($5))
  and ($6::varchar is null or customer_id = $6)`;

const TO_REPORTING = (column: string) => `to_reporting(${column}, currency, $7::varchar, $1::date)`;

export const INVOICE_COLUMNS = `invoice_id, customer_id, customer_name, segment, collector, currency, invoice_date, due_date,
  round(amount, 2)::double as amount, round(balance, 2)::double as balance, days_past_due, bucket, in_dispute`;

async function resolve(db: Reader, filters: InvoiceFilters) {
  const asOf = await resolveAsOf(db, filters.as_of);
  const currency = await reportingCurrency(db, filters.currency);
  const params = [
    asOf,
    filters.bucket ?? null,
    filters.segment ?? null,
    filters.collector ?? null,
    filters.invoice_currency ?? null,
    filters.customer_id ?? null,
    currency
  ];
  return { asOf, currency, params };
}

export async function openInvoices(db: Reader, query: InvoicesQuery): Promise<InvoicesReport> {
  const { asOf, currency, params } = await resolve(db, query);
  const [totals] = await db.read<{ count: number; balance: number }>(
    `with per_currency as (
       select currency, count(*) as invoices, sum(balance) as balance from open_invoices($1::date) where ${WHERE} group by currency
     )
     select coalesce(sum(invoices), 0)::integer as count, round(coalesce(sum(${TO_REPORTING('balance')}), 0), 2)::double as balance
     from per_currency`,
    params
  );
  const invoices = await db.read<OpenInvoice>(
    `select ${INVOICE_COLUMNS} from open_invoices($1::date) where ${WHERE} and $7::varchar is not null
     order by days_past_due desc, balance desc, invoice_id limit $8 offset $9`,
    [...params, query.limit, query.offset]
  );
  return { as_of: asOf, currency, ...totals, invoices };
}

export async function bucketTotals(db: Reader, filters: InvoiceFilters): Promise<BucketsReport> {
  const { asOf, currency, params } = await resolve(db, { ...filters, bucket: undefined });
  const buckets = await db.read<BucketsReport['buckets'][number]>(
    `with filtered as (select * from open_invoices($1::date) where ${WHERE}),
     per_currency as (
       select bucket, currency, sum(balance) as balance, count(*) as invoices from filtered group by bucket, currency
     ),
     per_bucket as (
       select bucket, sum(${TO_REPORTING('balance')}) as balance, sum(invoices) as invoices from per_currency group by bucket
     ),
     customers as (select bucket, count(distinct customer_id) as customers from filtered group by bucket),
     lines as (select bucket, bucket_order from aging_buckets union all select 'credits', 1000000)
     select l.bucket, round(coalesce(b.balance, 0), 2)::double as balance, coalesce(b.invoices, 0)::integer as invoices,
       coalesce(c.customers, 0)::integer as customers
     from lines as l left join per_bucket as b using (bucket) left join customers as c using (bucket)
     order by l.bucket_order`,
    params
  );
  const [{ total }] = await db.read<{ total: number }>(
    `with per_currency as (select currency, sum(balance) as balance from open_invoices($1::date) where ${WHERE} group by currency)
     select round(coalesce(sum(${TO_REPORTING('balance')}), 0), 2)::double as total from per_currency`,
    params
  );
  const currencies = await db.read<{ currency: string }>(
    `select distinct currency from open_invoices($1::date) where ${WHERE} and currency is not null and $7::varchar is not null order by currency`,
    params
  );
  return { as_of: asOf, currency, buckets, total, currencies: currencies.map((c) => c.currency) };
}

export async function bucketCustomers(db: Reader, filters: InvoiceFilters): Promise<BucketCustomersReport> {
  const { asOf, currency, params } = await resolve(db, filters);
  const customers = await db.read<BucketCustomersReport['customers'][number]>(
    `with filtered as (select * from open_invoices($1::date) where ${WHERE}),
     per_currency as (
       select customer_id, currency, sum(balance) as balance from filtered group by customer_id, currency
     ),
     converted as (
       select customer_id, sum(${TO_REPORTING('balance')}) as balance from per_currency group by customer_id
     )
     select f.customer_id, any_value(f.customer_name) as name, any_value(f.collector) as collector,
       $7::varchar as currency,
       round(any_value(c.balance), 2)::double as balance, count(*)::integer as invoices, max(f.days_past_due)::integer as oldest_days_past_due
     from filtered as f join converted as c using (customer_id)
     group by f.customer_id order by any_value(c.balance) desc, f.customer_id limit 500`,
    params
  );
  return { as_of: asOf, currency, customers };
}
