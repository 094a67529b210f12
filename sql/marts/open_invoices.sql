-- One row per invoice open at an as-of date (dated ≤ as_of, balance ≠ 0 at the end of that day):
-- its balance, days past due and aging bucket, with the customer's segment, collector and currency.
create or replace macro open_invoices(as_of) as table
with

segments as (
  select invoice_id, customer_id, due_date, balance
  from balance_segments
  where valid_from <= as_of::date and valid_until > as_of::date and balance <> 0
),

invoices as (
  select invoice_id, invoice_date, amount, currency, disputed, disputed_on, dispute_resolved_on
  from stg_invoices
),

customers as (
  select customer_id, name, segment, collector, currency
  from stg_customers
),

buckets as (
  select bucket, bucket_order, min_days_past_due, max_days_past_due
  from aging_buckets
),

final as (
  select
    s.invoice_id,
    s.customer_id,
    c.name as customer_name,
    c.segment,
    c.collector,
    coalesce(i.currency, c.currency) as currency,
    i.invoice_date,
    s.due_date,
    i.amount,
    s.balance,
    (as_of::date - s.due_date)::integer as days_past_due,
    b.bucket,
    b.bucket_order,
    -- open dispute at the as-of date
    coalesce(i.disputed_on <= as_of::date and (i.dispute_resolved_on is null or i.dispute_resolved_on > as_of::date), false) as in_dispute
  from segments as s
  join invoices as i using (invoice_id)
  left join customers as c using (customer_id)
  join buckets as b
    on (as_of::date - s.due_date) between coalesce(b.min_days_past_due, -1000000) and coalesce(b.max_days_past_due, 1000000)
)

select * from final
