-- One row per customer with invoices at an as-of date: how much later it pays now than its own
-- norm (metrics.md "Paying behaviour"), as a 0–100 score with the figures behind the reasons.
-- Only facts known at as_of are used: invoices dated ≤ as_of, money dated ≤ as_of; an invoice
-- paid after as_of is open at as_of. The method and its evaluation are in docs/drift.md.
create or replace macro drift(as_of) as table
with

-- invoices that exist at as_of; disputed ones (a dispute, not a habit, sets their pace) and
-- ones written off unpaid (bad debt, not paying behaviour) are left out
known as (
  select
    invoice_id,
    customer_id,
    due_date,
    amount,
    paid_on,
    coalesce(paid_on <= as_of::date, false) as is_paid,
    coalesce(first_payment_on <= as_of::date, false) as has_payment,
    -- an open invoice is at least this late already: a lower bound of its days late
    case when paid_on <= as_of::date then paid_on - due_date else as_of::date - due_date end as days_late
  from invoice_pay_dates
  where invoice_date <= as_of::date
    and (disputed_on is null or disputed_on > as_of::date)
    and not (coalesce(written_off_on <= as_of::date, false) and not coalesce(paid_on <= as_of::date, false))
),

-- amount-weighted, but one invoice weighs at most weight_cap typical invoices of its customer,
-- so a single large invoice cannot carry the score alone
typical_amounts as (
  select customer_id, median(amount) as typical_amount
  from known
  group by customer_id
),

weighted as (
  select k.*, t.typical_amount, least(k.amount, drift_setting('weight_cap') * t.typical_amount) as weight
  from known as k
  join typical_amounts as t using (customer_id)
),

-- the norm: invoices paid in the year that ended baseline_gap_days ago (or, for a customer that
-- buys rarely, its last baseline_min_invoices paid before then). The gap keeps the first months
-- of a slowdown out of the norm, so a change stays visible for half a year or so before it
-- becomes the customer's new normal.
paid_before_gap as (
  select
    customer_id,
    invoice_id,
    paid_on,
    days_late,
    weight,
    row_number() over (partition by customer_id order by paid_on desc, invoice_id) as recency
  from weighted
  where is_paid and paid_on <= as_of::date - drift_setting('baseline_gap_days')::integer
),

baseline_invoices as (
  select customer_id, invoice_id, days_late, weight
  from paid_before_gap
  where paid_on > as_of::date - drift_setting('baseline_gap_days')::integer - drift_setting('baseline_days')::integer
     or recency <= drift_setting('baseline_min_invoices')
),

-- weighted medians: the smallest value whose running weight reaches half the total
baseline_ranked as (
  select
    customer_id,
    days_late,
    sum(weight) over (partition by customer_id order by days_late, invoice_id rows between unbounded preceding and current row) as running_weight,
    sum(weight) over (partition by customer_id) as total_weight
  from baseline_invoices
),

norms as (
  select customer_id, min(days_late) filter (where running_weight >= total_weight / 2) as norm_days_late
  from baseline_ranked
  group by customer_id
),

-- the customer's spread: weighted median absolute deviation from the norm (robust to outliers)
deviations_ranked as (
  select
    b.customer_id,
    abs(b.days_late - n.norm_days_late) as deviation,
    count(*) over (partition by b.customer_id) as baseline_invoices,
    sum(b.weight) over (partition by b.customer_id order by abs(b.days_late - n.norm_days_late), b.invoice_id rows between unbounded preceding and current row) as running_weight,
    sum(b.weight) over (partition by b.customer_id) as total_weight
  from baseline_invoices as b
  join norms as n using (customer_id)
),

spreads as (
  select
    customer_id,
    any_value(baseline_invoices) as baseline_invoices,
    1.4826 * min(deviation) filter (where running_weight >= total_weight / 2) as own_spread
  from deviations_ranked
  group by customer_id
),

portfolio_spread as (
  select coalesce(median(own_spread) filter (where baseline_invoices >= 3), drift_setting('min_scale_days')) as spread
  from spreads
),

-- empirical Bayes: a thin history borrows the portfolio's spread
profiles as (
  select
    n.customer_id,
    n.norm_days_late,
    s.baseline_invoices,
    greatest(
      sqrt((s.baseline_invoices * s.own_spread ^ 2 + drift_setting('scale_prior') * p.spread ^ 2) / (s.baseline_invoices + drift_setting('scale_prior'))),
      drift_setting('min_scale_days')
    ) as spread
  from norms as n
  join spreads as s using (customer_id)
  cross join portfolio_spread as p
),

-- the exceedance threshold: later than the norm by z spreads (and at least exceed_min_days); the
-- spread is widened for a norm from few invoices (its own uncertainty). An invoice past it is
-- "later than the customer usually pays".
thresholds as (
  select
    p.*,
    p.norm_days_late + greatest(
      drift_setting('exceed_z') * p.spread * sqrt(1 + drift_setting('norm_uncertainty') / p.baseline_invoices),
      drift_setting('exceed_min_days')
    ) as threshold_days
  from profiles as p
),

-- how often that happened to invoices due in the norm's year (or the customer's last
-- baseline_min_invoices due before then), counting the ones still unpaid at as_of or written off
-- unpaid as past it — recent evidence counts open invoices too, so the rates compare like with
-- like. Shrunk toward the portfolio's rate (a thin history borrows it), never below min_exceed_rate.
baseline_due as (
  select
    i.customer_id,
    i.due_date,
    coalesce(i.paid_on <= as_of::date, false) as is_paid,
    i.paid_on - i.due_date as days_late,
    row_number() over (partition by i.customer_id order by i.due_date desc, i.invoice_id) as recency
  from invoice_pay_dates as i
  where i.invoice_date <= as_of::date
    and i.due_date <= as_of::date - drift_setting('baseline_gap_days')::integer
    and (i.disputed_on is null or i.disputed_on > as_of::date)
),

baseline_exceedances as (
  select
    b.customer_id,
    count(*) filter (where not b.is_paid or b.days_late > t.threshold_days) as exceeded,
    count(*) as invoices
  from baseline_due as b
  join thresholds as t using (customer_id)
  where b.due_date > as_of::date - drift_setting('baseline_gap_days')::integer - drift_setting('baseline_days')::integer
     or b.recency <= drift_setting('baseline_min_invoices')
  group by b.customer_id
),

portfolio_rate as (
  select coalesce(sum(exceeded) / nullif(sum(invoices), 0), 0) as rate from baseline_exceedances
),

rates as (
  select
    t.*,
    greatest(
      (coalesce(e.exceeded, 0) + drift_setting('exceed_prior') * pr.rate) / (coalesce(e.invoices, 0) + drift_setting('exceed_prior')),
      drift_setting('min_exceed_rate')
    ) as exceed_rate
  from thresholds as t
  left join baseline_exceedances as e using (customer_id)
  cross join portfolio_rate as pr
),

-- recent evidence, by due date: the invoices due since the norm's year ended whose verdict is
-- known at as_of — paid (days late known) or still open and already past the threshold (right-
-- censored: an open invoice is at least as_of − due late, so it counts as soon as that passes
-- the threshold, before the late payment arrives). Open invoices not yet past it are undecided
-- and left out. At most the latest recent_max_invoices count.
decided as (
  select
    w.customer_id,
    w.invoice_id,
    w.due_date,
    w.amount,
    w.is_paid,
    w.has_payment,
    w.days_late,
    w.weight,
    w.days_late > r.threshold_days as exceeds,
    -- an invoice under half the customer's median invoice counts in proportion to its amount
    least(w.amount / (0.5 * w.typical_amount), 1) as amount_factor,
    greatest(least(w.days_late - r.norm_days_late, drift_setting('winsor_days')), -drift_setting('winsor_days')) as excess,
    row_number() over (partition by w.customer_id order by w.due_date desc, w.invoice_id) as recency
  from weighted as w
  join rates as r using (customer_id)
  where w.due_date <= as_of::date
    and w.due_date > as_of::date - drift_setting('baseline_gap_days')::integer
    and (w.is_paid or w.days_late > r.threshold_days)
),

-- the change detector: a CUSUM of log-likelihood ratios, "pays late from some invoice on"
-- (each invoice past the threshold with probability slowed_exceed_rate) against "pays as
-- usual" (its own exceedance rate). An invoice past the threshold adds ln(p1 / p0), one paid in
-- time subtracts ln((1 − p0) / (1 − p1)); the statistic is the largest sum over the latest
-- invoices, i.e. the evidence since the most likely start of a slowdown. A single late invoice
-- adds at most ln(p1 / min_exceed_rate), less than cusum_threshold: alone it never flags, and
-- an outlier followed by invoices paid as usual is worn down.
cusum_steps as (
  select
    d.*,
    d.amount_factor * case when d.exceeds then ln(drift_setting('slowed_exceed_rate') / r.exceed_rate)
                           else ln((1 - drift_setting('slowed_exceed_rate')) / (1 - r.exceed_rate)) end as llr,
    row_number() over (partition by d.customer_id order by d.due_date, d.invoice_id) as position
  from decided as d
  join rates as r using (customer_id)
  where d.recency <= drift_setting('recent_max_invoices')
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
    min(c.due_date) filter (where c.position > l.run_after and c.exceeds) as run_first_due
  from cusum_low as l
  join cusum_running as c using (customer_id)
  group by l.customer_id, l.total, l.lowest, l.run_after
),

-- the shift, for the size of the change: amount-weighted median excess over the norm of the
-- decided invoices due in the last recent_days (at least the latest recent_min_invoices), with
-- the norm itself as a pseudo-invoice at excess 0 weighing prior_weight median invoices (one late
-- invoice alone never moves it), shrunk toward the portfolio's for a norm from few invoices
recent_invoices as (
  select *
  from decided
  where due_date > as_of::date - drift_setting('recent_days')::integer or recency <= drift_setting('recent_min_invoices')
),

recent_with_prior as (
  select customer_id, invoice_id, excess, weight from recent_invoices
  union all
  select p.customer_id, null, 0, drift_setting('prior_weight') * t.typical_amount
  from profiles as p
  join typical_amounts as t using (customer_id)
),

recent_ranked as (
  select
    customer_id,
    excess,
    sum(weight) over (partition by customer_id order by excess, invoice_id nulls first rows between unbounded preceding and current row) as running_weight,
    sum(weight) over (partition by customer_id) as total_weight
  from recent_with_prior
),

recent_shifts as (
  select customer_id, min(excess) filter (where running_weight >= total_weight / 2) as shift
  from recent_ranked
  group by customer_id
),

-- for the reasons: what the payments alone say, and the open invoices already past the threshold
paid_ranked as (
  select
    customer_id,
    excess,
    count(*) over (partition by customer_id) as paid_invoices,
    sum(weight) over (partition by customer_id order by excess, invoice_id rows between unbounded preceding and current row) as running_weight,
    sum(weight) over (partition by customer_id) as total_weight
  from recent_invoices
  where is_paid
),

paid_shifts as (
  select
    customer_id,
    any_value(paid_invoices) as recent_paid_invoices,
    min(excess) filter (where running_weight >= total_weight / 2) as paid_shift
  from paid_ranked
  group by customer_id
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

-- the trend: Theil–Sen slope (median of pairwise slopes, robust to one odd invoice) of days
-- late against due date, over invoices due in the trend window, in days per quarter
trend_points as (
  select w.customer_id, w.invoice_id, w.due_date, least(w.days_late, p.norm_days_late + drift_setting('winsor_days')) as days_late
  from weighted as w
  join profiles as p using (customer_id)
  where w.due_date > as_of::date - drift_setting('trend_days')::integer
    and w.due_date <= as_of::date
    and (w.is_paid or w.days_late > p.norm_days_late)
),

trends as (
  select
    a.customer_id,
    90 * median((b.days_late - a.days_late) / (b.due_date - a.due_date)) as trend_per_quarter,
    count(distinct a.invoice_id) + 1 as trend_invoices
  from trend_points as a
  join trend_points as b on a.customer_id = b.customer_id and b.due_date > a.due_date
  group by a.customer_id
),

portfolio_shift as (
  select coalesce(median(shift), 0) as shift from recent_shifts
),

signals as (
  select
    r.customer_id,
    r.norm_days_late,
    r.baseline_invoices,
    r.spread,
    r.threshold_days,
    r.exceed_rate,
    coalesce(rs.shift, 0) as raw_shift,
    -- shrink toward the portfolio's shift: a norm from few invoices is trusted less
    ps.shift + (coalesce(rs.shift, 0) - ps.shift) * r.baseline_invoices / (r.baseline_invoices + drift_setting('baseline_prior')) as shift,
    ps.shift as portfolio_shift,
    coalesce(c.cusum, 0) as cusum,
    coalesce(c.run_invoices, 0) as run_invoices,
    coalesce(c.run_exceedances, 0) as run_exceedances,
    c.run_first_due,
    ps_paid.recent_paid_invoices,
    ps_paid.paid_shift,
    o.open_late_invoices,
    o.open_late_amount,
    o.open_late_min_days,
    coalesce(o.partial_share, 0) as partial_share,
    case when t.trend_invoices >= 4 then t.trend_per_quarter end as trend_per_quarter
  from rates as r
  cross join portfolio_shift as ps
  left join recent_shifts as rs using (customer_id)
  left join cusum as c using (customer_id)
  left join paid_shifts as ps_paid using (customer_id)
  left join open_late as o using (customer_id)
  left join trends as t using (customer_id)
),

-- signal 1 = the flag (score 50). The change detector gives cusum / cusum_threshold once the
-- run holds at least min_exceedances late invoices (with partial payments adding to it); with
-- fewer it is held at single_cap, so a single late invoice never lifts the score above ~7. The
-- size of the change — the amount-weighted shift and the trend, each in thresholds — grades every
-- customer below that (at most shift_weight + trend_weight, short of the flag on its own).
scored as (
  select
    *,
    case
      when run_exceedances >= drift_setting('min_exceedances')
        then cusum / drift_setting('cusum_threshold') + drift_setting('partial_weight') * partial_share
      else least(cusum / drift_setting('cusum_threshold'), drift_setting('single_cap'))
    end
      + drift_setting('shift_weight') * least(greatest(shift, 0) / (threshold_days - norm_days_late), 1)
      + drift_setting('trend_weight') * least(greatest(coalesce(trend_per_quarter, 0), 0) / (threshold_days - norm_days_late), 1)
      as signal
  from signals
),

customers as (
  select customer_id, count(*) as invoices
  from known
  group by customer_id
),

final as (
  select
    c.customer_id,
    c.invoices,
    round(100 * (1 - 0.5 ^ greatest(coalesce(s.signal, 0), 0)), 1) as score,
    coalesce(round(100 * (1 - 0.5 ^ greatest(s.signal, 0)), 1) >= drift_setting('flag_score'), false) as flagged,
    s.signal,
    s.norm_days_late,
    coalesce(s.baseline_invoices, 0) as baseline_invoices,
    s.spread,
    s.raw_shift,
    s.shift,
    s.portfolio_shift,
    coalesce(s.recent_paid_invoices, 0) as recent_paid_invoices,
    s.paid_shift,
    coalesce(s.open_late_invoices, 0) as open_late_invoices,
    coalesce(s.open_late_amount, 0) as open_late_amount,
    s.open_late_min_days,
    coalesce(s.partial_share, 0) as partial_share,
    s.trend_per_quarter,
    s.threshold_days,
    s.exceed_rate,
    coalesce(s.cusum, 0) as cusum,
    coalesce(s.run_invoices, 0) as run_invoices,
    coalesce(s.run_exceedances, 0) as run_exceedances,
    s.run_first_due
  from customers as c
  left join scored as s using (customer_id)
)

select * from final
