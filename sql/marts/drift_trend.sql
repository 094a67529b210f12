-- One row per customer with a norm at as_of (drift_norms) and invoices due in the trend window:
-- the Theil–Sen slope (median of pairwise slopes, robust to one odd invoice) of days late against
-- due date, in days per quarter, and how many invoices it rests on. customers_cte and norms_cte name
-- the caller's CTEs of drift_customers(as_of) and drift_norms, computed once in drift(); the
-- invoices (drift_invoices) are read here, due in the trend's window only.
create or replace macro drift_trend(as_of, customers_cte, norms_cte) as table
with

windows as (
  from drift_windows(as_of)
),

-- decided invoices and open ones already past the norm, days late capped at winsor_days past it
trend_points as (
  select i.customer_id, i.invoice_id, i.due_date, least(i.days_late, n.norm_days_late + w.winsor_days) as days_late
  from drift_invoices(as_of, customers_cte) as i
  join query_table(norms_cte) as n using (customer_id)
  cross join windows as w
  where n.has_norm
    and i.due_date > w.trend_start
    and i.due_date <= as_of::date
    and (i.is_paid or i.days_late > n.norm_days_late)
),

-- how many points a slope rests on: those with a later point to pair with, and the last
trend_counts as (
  select customer_id, count(*) filter (where due_date < last_due) + 1 as trend_invoices
  from (select customer_id, due_date, max(due_date) over (partition by customer_id) as last_due from trend_points)
  group by customer_id
),

final as (
  select s.customer_id, s.trend_per_quarter, c.trend_invoices
  from (
    select a.customer_id, 90 * median((b.days_late - a.days_late) / (b.due_date - a.due_date)) as trend_per_quarter
    from trend_points as a
    join trend_points as b on a.customer_id = b.customer_id and b.due_date > a.due_date
    group by a.customer_id
  ) as s
  join trend_counts as c using (customer_id)
)

select * from final
