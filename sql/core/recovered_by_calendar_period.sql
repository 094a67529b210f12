-- One row per calendar grain (week, month), period, collector's book, currency and aging bucket: the payments dated in the
-- period on invoices that had a positive balance the day before it began, by the bucket of that
-- day (metrics.md "Recovery rate of aging bucket k"). Prepared at refresh, already summed per
-- bucket, so a two-year weekly series reads a few hundred rows instead of every payment again.
-- A refresh computes again the periods and books whose rows of recovered_by_days_past_due changed.
-- refresh: by grain, period_start, collector, currency, after recovered_by_days_past_due
with

by_days_past_due as (
  select grain, period_start, collector, currency, base_days_past_due, amount
  from recovered_by_days_past_due
),

buckets as (
  select bucket, min_days_past_due, max_days_past_due
  from aging_buckets
),

final as (
  select x.grain, x.period_start, x.collector, x.currency, b.bucket, sum(x.amount) as recovered
  from by_days_past_due as x
  join buckets as b
    on x.base_days_past_due between coalesce(b.min_days_past_due, -1000000) and coalesce(b.max_days_past_due, 1000000)
  group by x.grain, x.period_start, x.collector, x.currency, b.bucket
)

select * from final order by grain, period_start, collector, currency, bucket
