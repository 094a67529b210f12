-- One row per collector's book, currency, calendar day and aging bucket: the invoices of that book
-- and currency in the bucket at the end of the day and their balance. Only positive balances are
-- aged; invoices with a negative balance (over-payments, credits beyond the invoice) form the bucket
-- 'credits' (metrics.md "Aging buckets"), so buckets + credits = AR. `collector` is the customers'
-- (null: none); the portfolio's aging is the sum over collectors (marts/aging).
-- Each day's changes (core/daily_aging_changes) summed from the first day.
with

changes_per_day as (
  select collector, currency, bucket, day, balance, invoices
  from daily_aging_changes
),

buckets as (
  select bucket, bucket_order
  from aging_buckets
),

-- every book and currency has every bucket and every day up to the last day any bucket changes;
-- after it the aging stays as it is
calendar as (
  select k.collector, k.currency, b.bucket, b.bucket_order, unnest(generate_series(r.first_day - 1, r.last_day, interval 1 day))::date as day
  from (select bucket, bucket_order from buckets union all select 'credits', 1000000) as b
  cross join (select distinct collector, currency from changes_per_day) as k
  cross join (select min(day) as first_day, max(day) as last_day from changes_per_day) as r
  where r.first_day is not null
),

final as (
  select
    c.collector,
    c.currency,
    c.day,
    c.bucket,
    c.bucket_order,
    (sum(coalesce(d.balance, 0)) over to_date)::decimal(18, 2) as balance,
    (sum(coalesce(d.invoices, 0)) over to_date)::bigint as invoices
  from calendar as c
  left join changes_per_day as d
    on d.collector is not distinct from c.collector and d.currency = c.currency and d.bucket = c.bucket and d.day = c.day
  window to_date as (partition by c.collector, c.currency, c.bucket order by c.day rows between unbounded preceding and current row)
)

select * from final order by collector, currency, bucket_order, day
