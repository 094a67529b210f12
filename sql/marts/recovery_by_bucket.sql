-- One row per period and aging bucket: the positive balances in the bucket the day before the
-- period starts (base) and the payments on those invoices dated in the period (recovered).
-- Write-offs and credit notes are not recovery (metrics.md). In the reporting currency: each
-- currency's base and recovered converted at the rates of the period's last day. With book, one
-- collector's customers only; without it, the portfolio.
create or replace macro recovery_by_bucket(from_date, to_date, grain, reporting := null, book := null) as table
with

-- the day of daily_aging holding each period's base (the day before it starts), as a column: a join
-- on aging_day() itself, whose bounds are subqueries, is no equality DuckDB can hash, and it compared
-- every period with every row of daily_aging
periods as (
  select *, aging_day(period_start - 1) as base_day
  from reporting_periods(from_date, to_date, grain, reporting)
),

buckets as (
  select bucket, bucket_order, min_days_past_due, max_days_past_due
  from aging_buckets
),

-- only positive balances are in the buckets (credits are apart): the base of recovery, the book's
-- (or every book's) summed per currency
bases as (
  select p.period_start, a.currency, a.bucket, sum(a.balance) as base
  from periods as p
  join daily_aging as a on a.day = p.base_day
  where a.bucket <> 'credits' and (book is null or a.collector = book)
  group by p.period_start, a.currency, a.bucket
),

-- weeks and months: prepared at refresh, already per bucket (core/recovered_by_calendar_period)
recovered_by_grain as (
  select r.period_start, r.currency, r.bucket, r.recovered
  from recovered_by_calendar_period as r
  join periods as p using (period_start)
  where r.grain = grain and r.period_start between from_date::date - 31 and to_date::date
    and (book is null or r.collector = book)
),

recovered_by_grain_summed as (
  select period_start, currency, bucket, sum(recovered) as recovered
  from recovered_by_grain
  group by period_start, currency, bucket
),

-- any other range: the payments dated in it, each counted when its invoice's balance was positive
-- the day before the range starts (core/payment_base_days: rows in payment-date order, so only the
-- range's days are read), by that day's bucket
recovered_in_range as (
  select from_date::date as period_start, x.currency, b.bucket, sum(x.amount) as recovered
  from payment_base_days as x
  join buckets as b
    on (from_date::date - 1) - x.due_date
      between coalesce(b.min_days_past_due, -1000000) and coalesce(b.max_days_past_due, 1000000)
  where grain = 'range' and x.payment_date between from_date::date and to_date::date
    and from_date::date - 1 between x.first_base_day and x.last_base_day
    and (book is null or x.collector = book)
  group by x.currency, b.bucket
),

recovered as (
  select * from recovered_by_grain_summed
  union all
  select * from recovered_in_range
),

-- each currency's base and recovered in a period's bucket, converted at the period's last day
own_figures as (
  select coalesce(ba.period_start, r.period_start) as period_start, coalesce(ba.bucket, r.bucket) as bucket,
    coalesce(ba.currency, r.currency) as currency, coalesce(ba.base, 0) as base, coalesce(r.recovered, 0) as recovered
  from bases as ba
  full join recovered as r using (period_start, currency, bucket)
),

rate_keys as (
  select o.currency, p.period_end as day, p.report_currency
  from own_figures as o
  join periods as p using (period_start)
),

rates as (
  from reporting_rates('rate_keys')
),

converted as (
  select
    o.period_start,
    o.bucket,
    sum(to_reporting_at(o.base, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)) as base,
    sum(to_reporting_at(o.recovered, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)) as recovered
  from own_figures as o
  join periods as p using (period_start)
  left join rates as r on r.currency = o.currency and r.day = p.period_end
  group by o.period_start, o.bucket
),

final as (
  select
    p.period_start,
    b.bucket,
    b.bucket_order,
    coalesce(c.base, 0) as base,
    coalesce(c.recovered, 0) as recovered,
    coalesce(c.recovered, 0) / nullif(coalesce(c.base, 0), 0) as rate
  from periods as p
  cross join buckets as b
  left join converted as c on c.period_start = p.period_start and c.bucket = b.bucket
)

select * from final order by period_start, bucket_order
