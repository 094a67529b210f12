-- One row per currency, calendar day and aging bucket: the invoices of that currency in the bucket
-- at the end of the day and their balance. Only positive balances are aged; invoices with a
-- negative balance (over-payments, credits beyond the invoice) form the bucket 'credits'
-- (metrics.md "Aging buckets"), so buckets + credits = AR.
-- Built in one pass: each balance segment adds itself over the days it spends in each bucket.
with

segments as (
  select currency, due_date, valid_from, valid_until, balance
  from balance_segments
  where balance <> 0
),

buckets as (
  select bucket, bucket_order, min_days_past_due, max_days_past_due
  from aging_buckets
),

-- the days [first_day, last_day] a positive segment spends in a bucket:
-- days_past_due = day − due_date must lie within the bucket's edges
segment_in_bucket as (
  select
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
  select currency, 'credits', valid_from, least(valid_until - 1, date '9999-12-30'), balance
  from segments
  where balance < 0
),

changes as (
  select currency, bucket, first_day as day, balance, 1 as invoices
  from segment_in_bucket where first_day <= last_day
  union all
  select currency, bucket, last_day + 1, -balance, -1
  from segment_in_bucket where first_day <= last_day and last_day < date '9000-01-01'
),

changes_per_day as (
  select currency, bucket, day, sum(balance) as balance, sum(invoices) as invoices
  from changes
  group by currency, bucket, day
),

-- every currency has every bucket and every day up to the last day any bucket changes; after it
-- the aging stays as it is
calendar as (
  select c.currency, b.bucket, b.bucket_order, unnest(generate_series(r.first_day - 1, r.last_day, interval 1 day))::date as day
  from (select bucket, bucket_order from buckets union all select 'credits', 1000000) as b
  cross join (select distinct currency from changes_per_day) as c
  cross join (select min(day) as first_day, max(day) as last_day from changes_per_day) as r
  where r.first_day is not null
),

final as (
  select
    c.currency,
    c.day,
    c.bucket,
    c.bucket_order,
    (sum(coalesce(d.balance, 0)) over to_date)::decimal(18, 2) as balance,
    (sum(coalesce(d.invoices, 0)) over to_date)::bigint as invoices
  from calendar as c
  left join changes_per_day as d using (currency, bucket, day)
  window to_date as (partition by c.currency, c.bucket order by c.day rows between unbounded preceding and current row)
)

select * from final
