-- One row per invoice open at an as-of date with the column of the aged trial balance it falls
-- in: its aging bucket while its balance is positive, `credits` when it is negative (metrics.md
-- "Aging buckets": over-payments are not aged). The invoices behind each cell of aged_balance.
create or replace macro aged_invoices(as_of) as table
with

open_items as (
  select
    invoice_id, customer_id, customer_name, segment, collector, currency, invoice_date, due_date,
    amount, balance, days_past_due, bucket, bucket_order, in_dispute
  from open_invoices(as_of)
),

-- credits come after every bucket
last_bucket as (
  select max(bucket_order) as bucket_order
  from aging_buckets
),

final as (
  select
    o.*,
    case when o.balance < 0 then 'credits' else o.bucket end as aged_column,
    case when o.balance < 0 then l.bucket_order + 1 else o.bucket_order end as column_order
  from open_items as o
  cross join last_bucket as l
)

select * from final
