-- One row per collector's book, currency, aging bucket and day on which the bucket's balance or
-- invoice count changes: by how much, and how many segment edges make it up (`changes`). Only
-- positive balances are aged;
-- invoices with a negative balance (over-payments, credits beyond the invoice) form the bucket
-- 'credits' (metrics.md "Aging buckets"). core/daily_aging sums these into each day's aging.
-- Each balance segment adds itself over the days it spends in each bucket. `collector` is the
-- customer's (null: none), as in core/daily_position_changes.
-- refresh: per invoice_id, summed by collector, currency, bucket, day
with

customers as (
  select customer_id, collector
  from all_customers
),

segments as (
  select c.collector, s.currency, s.due_date, s.valid_from, s.valid_until, s.balance
  from balance_segments as s
  left join customers as c using (customer_id)
  where s.balance <> 0
),

buckets as (
  select bucket, min_days_past_due, max_days_past_due
  from aging_buckets
),

-- the days [first_day, last_day] a positive segment spends in a bucket:
-- days_past_due = day − due_date must lie within the bucket's edges
segment_in_bucket as (
  select
    s.collector,
    s.currency,
    b.bucket,
    greatest(s.valid_from, coalesce(s.due_date + b.min_days_past_due, s.valid_from)) as first_day,
    -- an open-ended bucket or segment ends on 9999-12-30: no change is written for that end
    least(s.valid_until - 1, coalesce(s.due_date + b.max_days_past_due, date '9999-12-30')) as last_day,
    s.balance
  from segments as s
  cross join buckets as b
  where s.balance > 0
  union all
  -- a negative balance is not aged: it is a credit for as long as it lasts
  select collector, currency, 'credits', valid_from, least(valid_until - 1, date '9999-12-30'), balance
  from segments
  where balance < 0
),

changes as (
  select collector, currency, bucket, first_day as day, balance, 1 as invoices
  from segment_in_bucket where first_day <= last_day
  union all
  select collector, currency, bucket, last_day + 1, -balance, -1
  from segment_in_bucket where first_day <= last_day and last_day < date '9000-01-01'
),

final as (
  select collector, currency, bucket, day, sum(balance) as balance, sum(invoices)::bigint as invoices, count(*) as changes
  from changes
  group by collector, currency, bucket, day
)

select * from final
