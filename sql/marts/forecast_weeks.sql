-- One row per week k = 1 … weeks after an as-of date, [as_of + 7(k − 1) + 1, as_of + 7k]: the
-- cash the invoices open at as_of are expected to bring in that week (balance × the share of the
-- invoice's pay-date distribution in the week) and its standard deviation, for the interval.
-- A customer's invoices are taken to move together (one payment run pays several), customers
-- independently of each other: docs/forecast.md.
create or replace macro forecast_weeks(as_of, weeks) as table
with

open_items as (
  select invoice_id, customer_id, currency, balance
  from open_invoices(as_of)
  where balance > 0
),

points as (
  select invoice_id, pay_date, weight
  from forecast_points(as_of)
),

totals as (
  select invoice_id, sum(weight) as total
  from points
  group by invoice_id
),

-- the share of each invoice's distribution that falls in each week of the horizon
invoice_weeks as (
  select
    p.invoice_id,
    ((p.pay_date - as_of::date - 1) // 7 + 1)::integer as week,
    sum(p.weight) / any_value(t.total) as share
  from points as p
  join totals as t using (invoice_id)
  where p.pay_date is not null and p.pay_date <= as_of::date + 7 * weeks::integer
  group by p.invoice_id, week
),

customer_weeks as (
  select
    o.customer_id,
    o.currency,
    w.week,
    sum(o.balance * w.share) as expected,
    sum(o.balance * sqrt(greatest(w.share * (1 - w.share), 0))) as spread
  from invoice_weeks as w
  join open_items as o using (invoice_id)
  group by o.customer_id, o.currency, w.week
),

horizon as (
  select week, as_of::date + 7 * (week - 1) + 1 as week_start, as_of::date + 7 * week as week_end
  from (select unnest(range(1, weeks::integer + 1))::integer as week)
),

final as (
  select
    h.week,
    h.week_start,
    h.week_end,
    c.currency,
    coalesce(sum(c.expected), 0) as expected,
    coalesce(sum(c.spread * c.spread), 0) as variance
  from horizon as h
  left join customer_weeks as c using (week)
  group by h.week, h.week_start, h.week_end, c.currency
)

select * from final order by week, currency
