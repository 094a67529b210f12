-- One row per calendar grain (week, month), period, currency and aging bucket: the payments dated in the
-- period on invoices that had a positive balance the day before it began, by the bucket of that
-- day (metrics.md "Recovery rate of aging bucket k"). Prepared at refresh, already summed per
-- bucket, so a two-year weekly series reads a few hundred rows instead of every payment again.
with

payments as (
  select payment_id, invoice_id, payment_date, amount
  from stg_payments
),

buckets as (
  select bucket, min_days_past_due, max_days_past_due
  from aging_buckets
),

payment_periods as (
  select 'week' as grain, date_trunc('week', payment_date)::date as period_start, invoice_id, amount
  from payments
  union all
  select 'month', date_trunc('month', payment_date)::date, invoice_id, amount
  from payments
),

payments_on_base as (
  select
    p.grain,
    p.period_start,
    s.currency,
    p.amount,
    (p.period_start - 1) - s.due_date as base_days_past_due
  from payment_periods as p
  join balance_segments as s
    on s.invoice_id = p.invoice_id
    and p.period_start - 1 >= s.valid_from
    and p.period_start - 1 < s.valid_until
  where s.balance > 0
),

-- whole days past due, summed per day count first: the bucket join then sees a few thousand rows
by_days_past_due as (
  select grain, period_start, currency, base_days_past_due, sum(amount) as amount
  from payments_on_base
  group by grain, period_start, currency, base_days_past_due
),

final as (
  select x.grain, x.period_start, x.currency, b.bucket, sum(x.amount) as recovered
  from by_days_past_due as x
  join buckets as b
    on x.base_days_past_due between coalesce(b.min_days_past_due, -1000000) and coalesce(b.max_days_past_due, 1000000)
  group by x.grain, x.period_start, x.currency, b.bucket
)

select * from final order by grain, period_start, currency, bucket
