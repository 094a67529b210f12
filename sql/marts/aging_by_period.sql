-- One row per period of period_list and aging bucket: the aging at the period's last day
-- (the stacked aging bars of the weekly review), read from daily_aging in one pass.
create or replace macro aging_by_period(from_date, to_date, grain) as table
with

periods as (
  select period_start, period_end
  from period_list(from_date, to_date, grain)
),

buckets as (
  select bucket, bucket_order
  from aging_buckets
),

final as (
  select
    p.period_start,
    p.period_end,
    b.bucket,
    b.bucket_order,
    coalesce(a.balance, 0) as balance,
    coalesce(a.invoices, 0)::bigint as invoices
  from periods as p
  cross join buckets as b
  left join daily_aging as a on a.day = aging_day(p.period_end) and a.bucket = b.bucket
)

select * from final order by period_start, bucket_order
