-- One row per customer with a norm at as_of (drift_norms): the change detector's evidence that it
-- pays later than its norm since some invoice (a CUSUM over its latest invoices), the shift of its
-- recent invoices from the norm, and its open invoices already past the threshold. customers_cte and
-- norms_cte name the caller's CTEs of drift_customers(as_of) and drift_norms, computed once in drift();
-- the invoices (drift_invoices) are read here, due in the detector's window only.
create or replace macro drift_detector(as_of, customers_cte, norms_cte) as table
with

windows as (
  from drift_windows(as_of)
),

norms as (
  select customer_id, typical_amount, norm_days_late, threshold_days, exceed_rate
  from query_table(norms_cte)
  where has_norm
),

-- the invoices the change detector reads: due in the last detector_days (the 180 days since the
-- norm's year ended and that year's last quarter, so a slowdown that began late in it still shows
-- as one run rather than as a higher norm)
detector_invoices as (
  select
    i.*,
    -- an invoice under half the customer's median invoice counts in proportion to its amount
    least(i.amount / (0.5 * i.typical_amount), 1) as amount_factor,
    n.norm_days_late,
    n.threshold_days,
    n.exceed_rate
  from drift_invoices(as_of, customers_cte) as i
  join norms as n using (customer_id)
  cross join windows as w
  where i.due_date <= as_of::date
    and i.due_date > w.detector_start
),

-- recent evidence, by due date: those whose verdict is known at as_of — paid (days late known) or
-- still open and already past the threshold (right-censored: an open invoice is at least as_of −
-- due late, so it counts as soon as that passes the threshold, before the late payment arrives).
-- Open invoices not yet past it are undecided, below. At most the latest recent_max_invoices count.
-- (The settings are joined after the ranking: a window carries every column of its rows.)
decided as (
  select
    d.*,
    w.slowed_exceed_rate,
    w.recent_max_invoices,
    w.recent_start,
    w.recent_min_invoices
  from (
    select
      i.customer_id,
      i.invoice_id,
      i.due_date,
      i.amount,
      i.is_paid,
      i.has_payment,
      i.days_late,
      i.weight,
      i.days_late > i.threshold_days as exceeds,
      i.amount_factor,
      greatest(least(i.days_late - i.norm_days_late, w.winsor_days), -w.winsor_days) as excess,
      row_number() over (partition by i.customer_id order by i.due_date desc, i.invoice_id) as recency,
      i.exceed_rate
    from detector_invoices as i
    cross join windows as w
    where i.is_paid or i.days_late > i.threshold_days
  ) as d
  cross join windows as w
),

-- open invoices past the customer's norm but not yet past the threshold: right-censored too, but
-- undecided. Each is evidence in proportion to how unlikely it is to be still unpaid this late
-- when the customer pays as usual: the survival odds, P(still open | slowed) against P(still open
-- | as usual), with the usual days late taken as normal around the norm with the threshold's
-- spread (a logistic approximation of the normal tail) plus the customer's own exceedance rate.
-- Once overdue_late_z spreads past the norm it also counts as a late invoice for min_exceedances:
-- the slowdown then shows in the second invoice before that one is 10+ days late.
overdue_undecided as (
  select
    customer_id,
    invoice_id,
    due_date,
    amount_factor,
    z >= overdue_late_z as is_late,
    1 / (1 + exp(1.702 * z)) as usual_tail,
    exceed_rate,
    slowed_exceed_rate
  from (
    select i.*, w.overdue_late_z, w.slowed_exceed_rate, w.exceed_z * (i.days_late - i.norm_days_late) / (i.threshold_days - i.norm_days_late) as z
    from detector_invoices as i
    cross join windows as w
    where not i.is_paid
      and i.days_late > i.norm_days_late
      and i.days_late <= i.threshold_days
  )
),

-- the change detector: a CUSUM of log-likelihood ratios, "pays late from some invoice on"
-- (each invoice past the threshold with probability slowed_exceed_rate) against "pays as
-- usual" (its own exceedance rate). An invoice past the threshold adds ln(p1 / p0), one paid in
-- time subtracts ln((1 − p0) / (1 − p1)), an undecided overdue one adds its survival odds; the
-- statistic is the largest sum over the latest invoices, i.e. the evidence since the most likely
-- start of a slowdown. A single late invoice adds at most ln(p1 / min_exceed_rate), less than
-- cusum_threshold: alone it never flags, and an outlier followed by invoices paid as usual is
-- worn down.
cusum_steps as (
  select *, row_number() over (partition by customer_id order by due_date, invoice_id) as position
  from (
    select
      d.customer_id,
      d.invoice_id,
      d.due_date,
      d.exceeds,
      false as is_overdue,
      d.amount_factor * case when d.exceeds then ln(d.slowed_exceed_rate / d.exceed_rate)
                             else ln((1 - d.slowed_exceed_rate) / (1 - d.exceed_rate)) end as llr
    from decided as d
    where d.recency <= d.recent_max_invoices
    union all
    select
      u.customer_id,
      u.invoice_id,
      u.due_date,
      false as exceeds,
      u.is_late as is_overdue,
      u.amount_factor * ln(
        (u.slowed_exceed_rate + (1 - u.slowed_exceed_rate) * u.usual_tail) / (u.exceed_rate + (1 - u.exceed_rate) * u.usual_tail)
      ) as llr
    from overdue_undecided as u
  )
),

cusum_running as (
  select *, sum(llr) over (partition by customer_id order by position rows between unbounded preceding and current row) as running
  from cusum_steps
),

cusum_low as (
  select
    customer_id,
    sum(llr) as total,
    least(min(running), 0) as lowest,
    -- the run starts after the lowest point of the running sum (the most likely change)
    case when min(running) < 0 then arg_min(position, running) else 0 end as run_after
  from cusum_running
  group by customer_id
),

cusum as (
  select
    l.customer_id,
    l.total - l.lowest as cusum,
    count(*) filter (where c.position > l.run_after) as run_invoices,
    count(*) filter (where c.position > l.run_after and c.exceeds) as run_exceedances,
    count(*) filter (where c.position > l.run_after and c.is_overdue) as run_overdue,
    min(c.due_date) filter (where c.position > l.run_after and c.exceeds) as run_first_due
  from cusum_low as l
  join cusum_running as c using (customer_id)
  group by l.customer_id, l.total, l.lowest, l.run_after
),

-- the shift, for the size of the change: amount-weighted median excess over the norm of the
-- decided invoices due in the last recent_days (at least the latest recent_min_invoices), with
-- the norm itself as a pseudo-invoice at excess 0 weighing prior_weight median invoices (one late
-- invoice alone never moves it); drift() shrinks it toward the portfolio's for a norm from few invoices
recent_invoices as (
  select *
  from decided
  where due_date > recent_start or recency <= recent_min_invoices
),

recent_with_prior as (
  select customer_id, excess as value, weight, invoice_id as tiebreak from recent_invoices
  union all
  select n.customer_id, 0, w.prior_weight * n.typical_amount, null
  from norms as n
  cross join windows as w
),

-- for the reasons: what the payments alone say, and the open invoices already past the threshold
recent_paid as (
  select customer_id, excess as value, weight, invoice_id as tiebreak
  from recent_invoices
  where is_paid
),

open_late as (
  select
    customer_id,
    count(*) as open_late_invoices,
    sum(amount) as open_late_amount,
    min(days_late) as open_late_min_days,
    -- partial payments: the share of that late money on invoices already paid in part
    sum(weight) filter (where has_payment) / sum(weight) as partial_share
  from recent_invoices
  where not is_paid and exceeds
  group by customer_id
),

final as (
  select
    n.customer_id,
    c.cusum,
    c.run_invoices,
    c.run_exceedances,
    c.run_overdue,
    c.run_first_due,
    rs.median as shift,
    ps.points as recent_paid_invoices,
    ps.median as paid_shift,
    o.open_late_invoices,
    o.open_late_amount,
    o.open_late_min_days,
    o.partial_share
  from norms as n
  left join cusum as c using (customer_id)
  left join weighted_median('recent_with_prior') as rs using (customer_id)
  left join weighted_median('recent_paid') as ps using (customer_id)
  left join open_late as o using (customer_id)
)

select * from final
