-- One row per invoice open at an as-of date with a balance > 0: its median pay date, the 10th and
-- 90th percentiles, and the probability that it is settled after its due date (1 for one already
-- past due), from the weighted pay dates of forecast_points (docs/forecast.md).
create or replace macro forecast_invoices(as_of) as table
with

open_items as (
  select invoice_id, customer_id, currency, due_date, balance
  from open_invoices(as_of)
  where balance > 0
),

points as (
  select invoice_id, pay_date, weight
  from forecast_points(as_of)
),

-- weighted quantiles: the first date whose running weight reaches p of the total
ranked as (
  select
    invoice_id,
    pay_date,
    weight,
    sum(weight) over (partition by invoice_id order by pay_date rows between unbounded preceding and current row) as running,
    sum(weight) over (partition by invoice_id) as total
  from points
),

quantiles as (
  select
    r.invoice_id,
    min(r.pay_date) filter (where r.running >= 0.1 * r.total) as pay_date_low,
    min(r.pay_date) filter (where r.running >= 0.5 * r.total) as expected_pay_date,
    min(r.pay_date) filter (where r.running >= 0.9 * r.total) as pay_date_high,
    sum(r.weight) filter (where r.pay_date > o.due_date) / any_value(r.total) as late_share
  from ranked as r
  join open_items as o using (invoice_id)
  group by r.invoice_id
),

final as (
  select
    o.invoice_id,
    o.customer_id,
    o.currency,
    o.balance,
    o.due_date,
    q.expected_pay_date,
    q.pay_date_low,
    q.pay_date_high,
    case when o.due_date < as_of::date then 1 else coalesce(q.late_share, 0) end as late_probability
  from open_items as o
  left join quantiles as q using (invoice_id)
)

select * from final
