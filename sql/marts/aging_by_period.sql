-- One row per period of period_list and aging line (the buckets, then credits): the aging at the
-- period's last day (the stacked aging bars of the weekly review), read from daily_aging in one
-- pass, each currency converted at the rates of that day. With book, one collector's customers only.
create or replace macro aging_by_period(from_date, to_date, grain, reporting := null, book := null) as table
with

-- the day of daily_aging holding each period's aging, as a column: a join on aging_day() itself,
-- whose bounds are subqueries, is no equality DuckDB can hash (recovery_by_bucket)
periods as (
  select *, aging_day(period_end) as aging_on
  from reporting_periods(from_date, to_date, grain, reporting)
),

lines as (
  select bucket, bucket_order
  from aging_buckets
  union all
  select 'credits', 1000000
),

converted as (
  select
    p.period_start,
    a.bucket,
    sum(to_reporting(a.balance, a.currency, p.report_currency, p.period_end)) as balance,
    sum(a.invoices) as invoices
  from periods as p
  join daily_aging as a on a.day = p.aging_on
  where book is null or a.collector = book
  group by p.period_start, a.bucket
),

final as (
  select
    p.period_start,
    p.period_end,
    l.bucket,
    l.bucket_order,
    coalesce(c.balance, 0) as balance,
    coalesce(c.invoices, 0)::bigint as invoices
  from periods as p
  cross join lines as l
  left join converted as c on c.period_start = p.period_start and c.bucket = l.bucket
)

select * from final order by period_start, bucket_order
