-- The pay-date model of docs/forecast.md read once for both of its uses: one row per invoice open at
-- an as-of date with a balance > 0 (week null) with its median pay date, the 10th and 90th
-- percentiles and the probability that it is settled after its due date (1 for one already past
-- due), and one row per invoice and week k = 1 … weeks after as_of, [as_of + 7(k − 1) + 1,
-- as_of + 7k], with the share of its pay-date distribution in that week. forecast_points (every
-- open invoice's weighted pay dates) is the costly part; the report's invoices and weeks used to
-- compute it once each. forecast_invoices and forecast_weeks read this model.
create or replace macro forecast_model(as_of, weeks) as table
with

-- read by forecast_points too (by the CTE's name), so the open invoices are found once
open_items as materialized (
  select invoice_id, customer_id, segment, currency, due_date, balance
  from open_invoices(as_of)
  where balance > 0
),

points as materialized (
  select invoice_id, pay_date, weight
  from forecast_points(as_of, 'open_items')
),

-- weighted quantiles of the pay date, given that it is paid (the rows without a date are the share
-- never paid): the first date whose running weight reaches p of the total
ranked as (
  select
    invoice_id,
    pay_date,
    weight,
    sum(weight) over (partition by invoice_id order by pay_date rows between unbounded preceding and current row) as running,
    sum(weight) over (partition by invoice_id) as total
  from points
  where pay_date is not null
),

-- late: paid after the due date, or never; and every invoice's total weight, dated or not
late_shares as (
  select
    p.invoice_id,
    sum(p.weight) filter (where p.pay_date is null or p.pay_date > o.due_date) / sum(p.weight) as late_share,
    sum(p.weight) as total
  from points as p
  join open_items as o using (invoice_id)
  group by p.invoice_id
),

quantiles as (
  select
    r.invoice_id,
    min(r.pay_date) filter (where r.running >= 0.1 * r.total) as pay_date_low,
    min(r.pay_date) filter (where r.running >= 0.5 * r.total) as expected_pay_date,
    min(r.pay_date) filter (where r.running >= 0.9 * r.total) as pay_date_high
  from ranked as r
  group by r.invoice_id
),

invoices as (
  select
    o.invoice_id,
    o.customer_id,
    o.currency,
    o.balance,
    o.due_date,
    q.expected_pay_date,
    q.pay_date_low,
    q.pay_date_high,
    case when o.due_date < as_of::date then 1 else coalesce(l.late_share, 0) end as late_probability
  from open_items as o
  left join quantiles as q using (invoice_id)
  left join late_shares as l using (invoice_id)
),

-- the share of each invoice's distribution that falls in each week of the horizon
invoice_weeks as (
  select
    p.invoice_id,
    ((p.pay_date - as_of::date - 1) // 7 + 1)::integer as week,
    sum(p.weight) / any_value(t.total) as share
  from points as p
  join late_shares as t using (invoice_id)
  where p.pay_date is not null and p.pay_date <= as_of::date + 7 * weeks::integer
  group by p.invoice_id, week
),

final as (
  select *, null::integer as week, null::double as share
  from invoices
  union all
  select o.invoice_id, o.customer_id, o.currency, o.balance, o.due_date, null::date, null::date, null::date, null::double, w.week, w.share
  from invoice_weeks as w
  join open_items as o using (invoice_id)
)

select * from final
