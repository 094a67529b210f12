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

-- late: paid after the due date, or never
late_shares as (
  select p.invoice_id, sum(p.weight) filter (where p.pay_date is null or p.pay_date > o.due_date) / sum(p.weight) as late_share
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
    case when o.due_date < as_of::date then 1 else coalesce(l.late_share, 0) end as late_probability
  from open_items as o
  left join quantiles as q using (invoice_id)
  left join late_shares as l using (invoice_id)
)

select * from final
