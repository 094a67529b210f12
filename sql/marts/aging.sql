-- One row per aging bucket at an as-of date: invoices with a balance other than zero and
-- the sum of their balances (metrics.md "Aging buckets"); the balances add up to AR.
create or replace macro aging(as_of) as table
with

buckets as (
  select bucket, bucket_order
  from aging_buckets
),

on_day as (
  select bucket, balance, invoices
  from daily_aging
  where day = aging_day(as_of)
),

final as (
  select
    b.bucket,
    b.bucket_order,
    coalesce(d.balance, 0) as balance,
    coalesce(d.invoices, 0)::bigint as invoices
  from buckets as b
  left join on_day as d using (bucket)
)

select * from final order by bucket_order
