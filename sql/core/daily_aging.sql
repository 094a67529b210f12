-- One row per calendar day and aging bucket: the invoices whose balance is not zero at the end
-- of the day, their balance, and the part of it that is positive (the base of recovery rates).
-- Built in one pass: each balance segment adds itself over the days it spends in each bucket.
with

segments as (
  select due_date, valid_from, valid_until, balance
  from balance_segments
  where balance <> 0
),

buckets as (
  select bucket, bucket_order, min_days_past_due, max_days_past_due
  from aging_buckets
),

-- the days [first_day, last_day] a segment spends in a bucket:
-- days_past_due = day − due_date must lie within the bucket's edges
segment_in_bucket as (
  select
    b.bucket,
    greatest(s.valid_from, coalesce(s.due_date + b.min_days_past_due, s.valid_from)) as first_day,
    -- an open-ended bucket or segment ends on 9999-12-30: no change is written for that end
    least(s.valid_until - 1, coalesce(s.due_date + b.max_days_past_due, date '9999-12-30')) as last_day,
    s.balance
  from segments as s
  cross join buckets as b
),

changes as (
  select bucket, first_day as day, balance, 1 as invoices, greatest(balance, 0) as positive_balance
  from segment_in_bucket where first_day <= last_day
  union all
  select bucket, last_day + 1, -balance, -1, -greatest(balance, 0)
  from segment_in_bucket where first_day <= last_day and last_day < date '9000-01-01'
),

changes_per_day as (
  select bucket, day, sum(balance) as balance, sum(invoices) as invoices, sum(positive_balance) as positive_balance
  from changes
  group by bucket, day
),

-- the last day any bucket changes; after it the aging stays as it is
calendar as (
  select b.bucket, b.bucket_order, unnest(generate_series(r.first_day - 1, r.last_day, interval 1 day))::date as day
  from buckets as b
  cross join (select min(day) as first_day, max(day) as last_day from changes_per_day) as r
  where r.first_day is not null
),

final as (
  select
    c.day,
    c.bucket,
    c.bucket_order,
    (sum(coalesce(d.balance, 0)) over to_date)::decimal(18, 2) as balance,
    (sum(coalesce(d.invoices, 0)) over to_date)::bigint as invoices,
    (sum(coalesce(d.positive_balance, 0)) over to_date)::decimal(18, 2) as positive_balance
  from calendar as c
  left join changes_per_day as d using (bucket, day)
  window to_date as (partition by c.bucket order by c.day rows between unbounded preceding and current row)
)

select * from final
