// Customers with their open and past-due balances (search, filters, ranked by past-due balance and
// age), and one customer's page: figures, own KPIs, credits, open invoices, payments, touches, drift.
import { HTTPException } from 'hono/http-exception';
import type {
  ActivityRow,
  CustomerKpis,
  CustomerQuery,
  CustomerReport,
  CustomerRow,
  CustomersQuery,
  CustomersReport,
  OpenInvoice,
  PaymentRow
} from '../contracts/dashboard.ts';
import { resolveAsOf } from '../as-of.ts';
import { reportingCurrency, type Reader } from './reader.ts';
import { drift } from './drift.ts';
import { INVOICE_COLUMNS } from './invoices.ts';

const CUSTOMER_COLUMNS = `customer_id, name, segment, collector, currency, round(credit_limit, 2)::double as credit_limit,
  round(open_balance, 2)::double as open_balance, round(past_due_balance, 2)::double as past_due_balance,
  oldest_days_past_due::integer as oldest_days_past_due, open_invoices::integer as open_invoices,
  disputed_invoices::integer as disputed_invoices, last_activity_date, last_activity_channel`;

export async function customers(db: Reader, query: CustomersQuery): Promise<CustomersReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  const rows = await db.read<CustomerRow>(
    `select ${CUSTOMER_COLUMNS} from customer_balances($1::date, reporting := $7::varchar)
     where ($2::varchar is null or customer_id ilike '%' || $2 || '%' or name ilike '%' || $2 || '%')
       and ($3::varchar is null or collector = $3) and ($4::varchar is null or segment = $4)
       and (not $5 or past_due_balance > 0)
     order by past_due_balance desc, oldest_days_past_due desc, open_balance desc, customer_id
     limit $6`,
    [asOf, query.q ?? null, query.collector ?? null, query.segment ?? null, query.past_due_only === 'true', query.limit, currency]
  );
  return { as_of: asOf, currency, ranked_by: 'past_due_balance, oldest_days_past_due', customers: rows };
}

export async function customer(db: Reader, id: string, query: CustomerQuery): Promise<CustomerReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  // every customer the ledger names has a page, with or without a row in the customers file
  const [row] = await db.read<CustomerReport['customer']>(
    `select ${CUSTOMER_COLUMNS}, country, terms_days
     from customer_balances($1::date, reporting := $3::varchar) join (select customer_id, country from all_customers) as c using (customer_id)
     where customer_id = $2`,
    [asOf, id, currency]
  );
  if (!row) throw new HTTPException(404, { message: `no customer with id ${id}` });
  const [kpis] = await db.read<CustomerKpis>(
    `select as_of, window_days, round(ar, 2)::double as ar, round(current_ar, 2)::double as current_ar,
       round(past_due_ar, 2)::double as past_due_ar, round(sales, 2)::double as sales, dso::double as dso, bpdso::double as bpdso,
       "add"::double as "add", past_due_share::double as past_due_share, weighted_days_late::double as weighted_days_late,
       settled_invoices::integer as settled_invoices
     from customer_kpis($1, $2::date, $3::integer, reporting := $4::varchar)`,
    [id, asOf, query.window, currency]
  );
  // unapplied credits and over-payments: the open invoices with a negative balance
  const [credits] = await db.read<CustomerReport['credits']>(
    `with per_currency as (
       select currency, count(*) as invoices, sum(balance) as balance from open_invoices($1::date)
       where customer_id = $2 and bucket = 'credits' group by currency
     )
     select round(coalesce(sum(to_reporting(balance, currency, $3::varchar, $1::date)), 0), 2)::double as balance,
       coalesce(sum(invoices), 0)::integer as invoices
     from per_currency`,
    [asOf, id, currency]
  );
  const openInvoices = await db.read<OpenInvoice>(
    `select ${INVOICE_COLUMNS} from open_invoices($1::date) where customer_id = $2 order by due_date, invoice_id`,
    [asOf, id]
  );
  const payments = await db.read<PaymentRow & { usual_low: number | null; usual_median: number | null; usual_high: number | null }>(
    `select invoice_id, invoice_date, due_date, currency, round(amount, 2)::double as amount, settled_on, days_to_pay, days_late,
       usual_low, usual_median, usual_high
     from customer_payments($1) where settled_on <= $2::date order by settled_on, invoice_id`,
    [id, asOf]
  );
  const activities = await db.read<ActivityRow>(
    `select activity_id, activity_date, channel, invoice_id, collector, outcome, promised_date,
       round(promised_amount, 2)::double as promised_amount, coalesce(currency, (select currency from home_currency)) as currency, note, logged_by, strftime(logged_at, '%Y-%m-%d %H:%M') as logged_at
     from stg_activities where customer_id = $1 order by activity_date desc, logged_at desc nulls last, activity_id desc limit 500`,
    [id]
  );
  // the whole day's report, kept with its reads: the overview and the worklist read it too
  const driftEntry = (await drift(db, { as_of: asOf })).customers.find((d) => d.customer_id === id) ?? null;
  const usual = payments[0];
  return {
    as_of: asOf,
    currency,
    credits,
    customer: row,
    kpis,
    usual_days_late: { low: usual?.usual_low ?? null, median: usual?.usual_median ?? null, high: usual?.usual_high ?? null },
    open_invoices: openInvoices,
    payments: payments.map(({ usual_low: _l, usual_median: _m, usual_high: _h, ...payment }) => payment),
    activities,
    drift: driftEntry
  };
}
