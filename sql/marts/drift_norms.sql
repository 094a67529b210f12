-- One row per customer with invoices at as_of: its usual days late (the norm), the spread around
-- it, the threshold past which an invoice is "later than the customer usually pays" and how often
-- that happened in the norm's year. has_norm is false for a customer with no invoice paid before
-- the norm's window ends (a new customer): it has no norm yet. customers_cte names the caller's CTE
-- of drift_customers(as_of), computed once in drift(). Method: docs/drift.md.
create or replace macro drift_norms(as_of, customers_cte) as table
with

windows as (
  from drift_windows(as_of)
),

customers as (
  select customer_id, invoices, typical_amount
  from query_table(customers_cte)
),

-- the norm: invoices paid in the year that ended baseline_gap_days ago (or, for a customer that
-- buys rarely, its last baseline_min_invoices paid before then). The gap keeps the first months
-- of a slowdown out of the norm, so a change stays visible for half a year or so before it
-- becomes the customer's new normal.
paid_in_window as (
  select i.customer_id, i.invoice_id, i.days_late, i.weight, i.paid_on as recency, w.baseline_min_invoices as min_rows
  from drift_invoices(as_of, customers_cte) as i
  cross join windows as w
  where i.is_paid and i.paid_on <= w.gap_end and i.paid_on > w.baseline_start
),

paid_before_window as (
  select i.customer_id, i.invoice_id, i.days_late, i.weight, i.paid_on as recency, w.baseline_min_invoices as min_rows
  from drift_invoices(as_of, customers_cte) as i
  cross join windows as w
  where i.is_paid and i.paid_on <= w.baseline_start
),

baseline_invoices as (
  from fill_to_minimum('paid_in_window', 'paid_before_window')
),

norm_points as (
  select customer_id, days_late as value, weight, invoice_id as tiebreak
  from baseline_invoices
),

norms as (
  select customer_id, median as norm_days_late
  from weighted_median('norm_points')
),

-- the customer's spread: weighted median absolute deviation from the norm (robust to outliers)
deviation_points as (
  select b.customer_id, abs(b.days_late - n.norm_days_late) as value, b.weight, b.invoice_id as tiebreak
  from baseline_invoices as b
  join norms as n using (customer_id)
),

spreads as (
  select customer_id, points as baseline_invoices, 1.4826 * median as own_spread
  from weighted_median('deviation_points')
),

portfolio_spread as (
  select coalesce(median(own_spread) filter (where baseline_invoices >= 3), (select min_scale_days from windows)) as spread
  from spreads
),

-- empirical Bayes: a thin history borrows the portfolio's spread
profiles as (
  select
    n.customer_id,
    n.norm_days_late,
    s.baseline_invoices,
    greatest(
      sqrt((s.baseline_invoices * s.own_spread ^ 2 + w.scale_prior * p.spread ^ 2) / (s.baseline_invoices + w.scale_prior)),
      w.min_scale_days
    ) as spread
  from norms as n
  join spreads as s using (customer_id)
  cross join portfolio_spread as p
  cross join windows as w
),

-- the exceedance threshold: later than the norm by z spreads (and at least exceed_min_days); the
-- spread is widened for a norm from few invoices (its own uncertainty). An invoice past it is
-- "later than the customer usually pays".
thresholds as (
  select
    p.*,
    p.norm_days_late + greatest(
      w.exceed_z * p.spread * sqrt(1 + w.norm_uncertainty / p.baseline_invoices),
      w.exceed_min_days
    ) as threshold_days
  from profiles as p
  cross join windows as w
),

-- how often that happened to invoices due in the norm's year (or the customer's last
-- baseline_min_invoices due before then), counting the ones still unpaid at as_of or written off
-- unpaid as past it — recent evidence counts open invoices too, so the rates compare like with
-- like. Shrunk toward the portfolio's rate (a thin history borrows it), never below min_exceed_rate.
-- Only customers with a threshold count.
due_in_window as (
  select
    i.customer_id,
    i.invoice_id,
    coalesce(i.paid_on <= as_of::date, false) as is_paid,
    i.paid_on - i.due_date as days_late,
    t.threshold_days,
    i.due_date as recency,
    w.baseline_min_invoices as min_rows
  from invoice_pay_dates as i
  join thresholds as t using (customer_id)
  cross join windows as w
  where i.invoice_date <= as_of::date
    and i.due_date <= w.gap_end
    and i.due_date > w.baseline_start
    and (i.disputed_on is null or i.disputed_on > as_of::date)
),

due_before_window as (
  select
    i.customer_id,
    i.invoice_id,
    coalesce(i.paid_on <= as_of::date, false) as is_paid,
    i.paid_on - i.due_date as days_late,
    t.threshold_days,
    i.due_date as recency,
    w.baseline_min_invoices as min_rows
  from invoice_pay_dates as i
  join thresholds as t using (customer_id)
  cross join windows as w
  where i.invoice_date <= as_of::date
    and i.due_date <= w.baseline_start
    and (i.disputed_on is null or i.disputed_on > as_of::date)
),

baseline_exceedances as (
  select
    customer_id,
    count(*) filter (where not is_paid or days_late > threshold_days) as exceeded,
    count(*) as invoices
  from fill_to_minimum('due_in_window', 'due_before_window')
  group by customer_id
),

portfolio_rate as (
  select coalesce(sum(exceeded) / nullif(sum(invoices), 0), 0) as rate from baseline_exceedances
),

rates as (
  select
    t.*,
    greatest(
      (coalesce(e.exceeded, 0) + w.exceed_prior * pr.rate) / (coalesce(e.invoices, 0) + w.exceed_prior),
      w.min_exceed_rate
    ) as exceed_rate
  from thresholds as t
  left join baseline_exceedances as e using (customer_id)
  cross join portfolio_rate as pr
  cross join windows as w
),

final as (
  select
    c.customer_id,
    c.invoices,
    c.typical_amount,
    r.customer_id is not null as has_norm,
    r.norm_days_late,
    r.baseline_invoices,
    r.spread,
    r.threshold_days,
    r.exceed_rate
  from customers as c
  left join rates as r using (customer_id)
)

select * from final
