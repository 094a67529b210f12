-- One row per invoice open at an as-of date (dated ≤ as_of, balance ≠ 0 at the end of that day):
-- its balance in its own currency, days past due and aging line (a bucket for a positive balance,
-- 'credits' for a negative one: metrics.md "Aging buckets"), with the customer's segment and collector.
create or replace macro open_invoices(as_of) as table
with

segments as (
  select invoice_id, customer_id, due_date, currency, balance
  from balance_segments
  where valid_from <= as_of::date and valid_until > as_of::date and balance <> 0
),

invoices as (
  select invoice_id, invoice_date, amount, disputed_from, dispute_resolved_on
  from ledger_invoices
),

customers as (
  select customer_id, name, segment, collector
  from all_customers
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
    s.currency,
    i.invoice_date,
    s.due_date,
    i.amount,
    s.balance,
    (as_of::date - s.due_date)::integer as days_past_due,
    case when s.balance < 0 then 'credits' else b.bucket end as bucket,
    case when s.balance < 0 then 1000000 else b.bucket_order end as bucket_order,
    in_dispute_at(i.disputed_from, i.dispute_resolved_on, as_of) as in_dispute
  from segments as s
  join invoices as i using (invoice_id)
  left join customers as c using (customer_id)
  join buckets as b
    on (as_of::date - s.due_date) between coalesce(b.min_days_past_due, -1000000) and coalesce(b.max_days_past_due, 1000000)
)

select * from final
