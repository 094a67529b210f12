-- One row per aging bucket at an as-of date, then the credits line and the total (kind says
-- which): invoices with a positive balance per bucket, invoices with a negative one on the credits
-- line, and the sum of their balances (metrics.md "Aging buckets"); buckets + credits = total = AR.
-- In the reporting currency (each currency's total converted at the as-of date's rates), and, with
-- by_currency, the same rows for each currency in its own money (is_total false). With book, the
-- invoices of one collector's customers only; without it, the portfolio's.
create or replace macro aging(as_of, reporting := null, by_currency := false, book := null) as table
with

lines as (
  select bucket, bucket_order, 'bucket' as kind
  from aging_buckets
  union all
  select 'credits', 1000000, 'credits'
),

own_lines as (
  select currency, bucket, sum(balance) as balance, sum(invoices) as invoices
  from daily_aging
  where day = aging_day(as_of) and (book is null or collector = book)
  group by currency, bucket
),

own_totals as (
  select currency, 'total' as bucket, sum(balance) as balance, sum(invoices) as invoices
  from own_lines
  group by currency
),

own as (
  select * from own_lines
  union all
  select * from own_totals
),

all_lines as (
  select bucket, bucket_order, kind from lines
  union all
  select 'total', 1000001, 'total'
),

-- each currency's rates at the as-of date, looked up once for all its lines
rate_keys as (
  select currency, as_of::date as day, reporting_currency(reporting) as report_currency
  from own
),

rates as (
  from reporting_rates('rate_keys')
),

converted as (
  select
    o.bucket,
    sum(to_reporting_at(o.balance, o.currency, reporting_currency(reporting), as_of, r.currency_rate, r.report_rate)) as balance,
    sum(o.invoices) as invoices
  from own as o
  left join rates as r using (currency)
  group by o.bucket
),

final as (
  select
    l.bucket,
    l.bucket_order,
    l.kind,
    reporting_currency(reporting) as currency,
    true as is_total,
    coalesce(c.balance, 0) as balance,
    coalesce(c.invoices, 0)::bigint as invoices
  from all_lines as l
  left join converted as c using (bucket)
  union all
  select l.bucket, l.bucket_order, l.kind, cur.currency, false, coalesce(o.balance, 0)::decimal(38, 8), coalesce(o.invoices, 0)::bigint
  from all_lines as l
  cross join (select distinct currency from own) as cur
  left join own as o on o.bucket = l.bucket and o.currency = cur.currency
  where by_currency
)

select * from final order by not is_total, currency, bucket_order
