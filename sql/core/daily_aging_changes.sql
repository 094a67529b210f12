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

-- segments with the same edges and the same book are summed first: they enter and leave each bucket
-- on the same days. At 10 M invoices the buckets' rows came from 12.7 M segments one by one and the
-- rebuild ran out of a 1 GB memory limit here (docs/benchmarks.md, thirteenth session); as fast.
-- `segments` counts those summed, so `changes` still counts segment edges
segments as (
  select c.collector, s.currency, s.due_date, s.valid_from, s.valid_until, s.balance < 0 as is_credit, sum(s.balance) as balance, count(*) as segments
  from balance_segments as s
  left join customers as c using (customer_id)
  where s.balance <> 0
  group by all
),

-- a negative balance is not aged: it is a credit for as long as it lasts, a bucket without edges
-- that takes the negative segments only
buckets as (
  select bucket, min_days_past_due, max_days_past_due, false as credits
  from aging_buckets
  union all
  select 'credits', null, null, true
),

-- the days [first_day, last_day] a segment spends in a bucket:
-- days_past_due = day − due_date must lie within the bucket's edges
segment_in_bucket as (
  select
    s.collector,
    s.currency,
    b.bucket,
    -- an open-ended bucket or segment ends on 9999-12-30: no change is written for that end
    greatest(s.valid_from, coalesce(s.due_date + b.min_days_past_due, s.valid_from)) as first_day,
    least(s.valid_until - 1, coalesce(s.due_date + b.max_days_past_due, date '9999-12-30')) as last_day,
    s.balance,
    s.segments
  from segments as s
  join buckets as b on b.credits = s.is_credit
),

-- the segment joins the bucket on its first day and leaves it the day after its last: both from
-- one pass (unnest), not a union reading the segments in buckets twice (1 M invoices: 3.8 s of CPU
-- before, 2.0 s now)
changes as (
  select collector, currency, bucket, unnest([
    {'day': first_day, 'balance': balance, 'invoices': segments},
    case when last_day < date '9000-01-01' then {'day': last_day + 1, 'balance': -balance, 'invoices': -segments} end
  ]) as change
  from segment_in_bucket
  where first_day <= last_day
),

final as (
  select collector, currency, bucket, change.day as day, sum(change.balance) as balance, sum(change.invoices)::bigint as invoices, sum(abs(change.invoices))::bigint as changes
  from changes
  where change is not null
  group by collector, currency, bucket, change.day
)

select * from final
