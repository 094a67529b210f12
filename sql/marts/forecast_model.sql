-- The pay-date model of docs/forecast.md read once for both of its uses: one row per invoice open at
-- an as-of date with a balance > 0 (week null) with its median pay date, the 10th and 90th
-- percentiles and the probability that it is settled after its due date (1 for one already past
-- due), and one row per invoice and week k = 1 … weeks after as_of, [as_of + 7(k − 1) + 1,
-- as_of + 7k], with the share of its pay-date distribution in that week. forecast_points (every
-- open invoice's weighted pay dates, by week, with where each quantile falls) is the costly part;
-- the report's invoices and weeks used to compute it once each. forecast_invoices and forecast_weeks
-- read this model.
create or replace macro forecast_model(as_of, weeks) as table
with

-- the invoices open at as_of with a balance > 0, as open_invoices(as_of) finds them (a balance
-- stretch covering the day; an aging bucket for its days past due), without the columns the model
-- does not read, numbered (ik: the model keys on an integer, not the invoice's name); read by
-- forecast_points too (by the CTE's name), so they are found once
open_items as materialized (
  select (row_number() over ())::integer as ik, s.invoice_id, s.customer_id, c.segment, s.currency, s.due_date, s.balance
  from balance_segments as s
  left join all_customers as c using (customer_id)
  where s.valid_from <= as_of::date and s.valid_until > as_of::date and s.balance > 0
    and exists (
      select 1 from aging_buckets as b
      where (as_of::date - s.due_date) between coalesce(b.min_days_past_due, -1000000) and coalesce(b.max_days_past_due, 1000000)
    )
),

points as materialized (
  select ik, week, weight, pay_date_low, expected_pay_date, pay_date_high, late_weight
  from forecast_points(as_of, 'open_items', weeks)
),

-- per invoice: weighted quantiles of the pay date, given that it is paid (the rows without a date
-- are the share never paid): the first date whose running weight exceeds p of the dated weight by
-- more than 1e-9 of it (an exact tie goes to the next date, whatever order the doubles were added
-- in), found per week by forecast_points; the late share (paid after the due date, or never) and
-- the total weight, dated or not
per_invoice as (
  select
    ik,
    min(pay_date_low) as pay_date_low,
    min(expected_pay_date) as expected_pay_date,
    min(pay_date_high) as pay_date_high,
    sum(late_weight) / sum(weight) as late_share,
    sum(weight) as total
  from points
  group by ik
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
    case when o.due_date < as_of::date then 1 else coalesce(q.late_share, 0) end as late_probability
  from open_items as o
  left join per_invoice as q using (ik)
),

-- the share of each invoice's distribution that falls in each week of the horizon
invoice_weeks as (
  select w.ik, w.week, w.weight / t.total as share
  from points as w
  join per_invoice as t using (ik)
  where w.week <= weeks::integer
),

final as (
  select *, null::integer as week, null::double as share
  from invoices
  union all
  select o.invoice_id, o.customer_id, o.currency, o.balance, o.due_date, null::date, null::date, null::date, null::double, w.week, w.share
  from invoice_weeks as w
  join open_items as o using (ik)
)

select * from final
