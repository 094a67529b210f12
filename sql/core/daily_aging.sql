-- One row per collector's book, currency, calendar day and aging bucket: the invoices of that book
-- and currency in the bucket at the end of the day and their balance. Only positive balances are
-- aged; invoices with a negative balance (over-payments, credits beyond the invoice) form the bucket
-- 'credits' (metrics.md "Aging buckets"), so buckets + credits = AR. `collector` is the customers'
-- (null: none); the portfolio's aging is the sum over collectors (marts/aging).
-- Each day's changes (core/daily_aging_changes) summed from the first day. A refresh runs this
-- over the changes from the earliest changed day d0 on, those before summed into one row on d0 − 1,
-- and replaces the rows from d0 on (server/refresh/running.ts).
-- refresh: from day, after daily_aging_changes
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

-- each book's changes and a zero for every calendar day, summed per day: every day has one row
-- (a group by keeps the null collector as one book, where a join on it would not match)
per_day as (
  select collector, currency, bucket, bucket_order, day, sum(balance) as balance, sum(invoices) as invoices
  from (
    select d.collector, d.currency, d.bucket, b.bucket_order, d.day, d.balance, d.invoices
    from changes_per_day as d
    join (select bucket, bucket_order from buckets union all select 'credits', 1000000) as b using (bucket)
    union all
    select collector, currency, bucket, bucket_order, day, 0, 0
    from calendar
  )
  group by collector, currency, bucket, bucket_order, day
),

final as (
  select
    collector,
    currency,
    day,
    bucket,
    bucket_order,
    (sum(balance) over to_date)::decimal(18, 2) as balance,
    (sum(invoices) over to_date)::bigint as invoices
  from per_day
  window to_date as (partition by collector, currency, bucket order by day rows between unbounded preceding and current row)
)

select * from final order by collector, currency, bucket_order, day
