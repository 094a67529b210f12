-- One row per customer with invoices at an as-of date: how much later it pays now than its own
-- norm (metrics.md "Paying behaviour"), as a 0–100 score with the figures behind the reasons.
-- Only facts known at as_of are used: invoices dated ≤ as_of, money dated ≤ as_of; an invoice
-- paid after as_of is open at as_of. The method and its evaluation are in docs/drift.md.
create or replace macro drift(as_of) as table
with

-- every number of sql/seeds/drift_settings.csv once, as one row (drift_setting() per use would
-- plan one more join per use), with the edges of the windows at as_of
settings as (
  select
    *,
    as_of::date - baseline_gap_days::integer as gap_end,
    as_of::date - baseline_gap_days::integer - baseline_days::integer as baseline_start,
    as_of::date - recent_days::integer as recent_start,
    as_of::date - trend_days::integer as trend_start,
    -- never later than the norm's end, so no invoice falls between the norm and the detector
    as_of::date - greatest(detector_days, baseline_gap_days)::integer as detector_start
  from (
    select
      max(value::double) filter (where setting = 'baseline_days') as baseline_days,
      max(value::double) filter (where setting = 'baseline_gap_days') as baseline_gap_days,
      max(value::double) filter (where setting = 'baseline_min_invoices') as baseline_min_invoices,
      max(value::double) filter (where setting = 'scale_prior') as scale_prior,
      max(value::double) filter (where setting = 'min_scale_days') as min_scale_days,
      max(value::double) filter (where setting = 'weight_cap') as weight_cap,
      max(value::double) filter (where setting = 'exceed_z') as exceed_z,
      max(value::double) filter (where setting = 'exceed_min_days') as exceed_min_days,
      max(value::double) filter (where setting = 'norm_uncertainty') as norm_uncertainty,
      max(value::double) filter (where setting = 'exceed_prior') as exceed_prior,
      max(value::double) filter (where setting = 'min_exceed_rate') as min_exceed_rate,
      max(value::double) filter (where setting = 'recent_days') as recent_days,
      max(value::double) filter (where setting = 'recent_min_invoices') as recent_min_invoices,
      max(value::double) filter (where setting = 'recent_max_invoices') as recent_max_invoices,
      max(value::double) filter (where setting = 'detector_days') as detector_days,
      max(value::double) filter (where setting = 'slowed_exceed_rate') as slowed_exceed_rate,
      max(value::double) filter (where setting = 'cusum_threshold') as cusum_threshold,
      max(value::double) filter (where setting = 'min_exceedances') as min_exceedances,
      max(value::double) filter (where setting = 'single_cap') as single_cap,
      max(value::double) filter (where setting = 'overdue_late_z') as overdue_late_z,
      max(value::double) filter (where setting = 'winsor_days') as winsor_days,
      max(value::double) filter (where setting = 'prior_weight') as prior_weight,
      max(value::double) filter (where setting = 'baseline_prior') as baseline_prior,
      max(value::double) filter (where setting = 'trend_days') as trend_days,
      max(value::double) filter (where setting = 'shift_weight') as shift_weight,
      max(value::double) filter (where setting = 'trend_weight') as trend_weight,
      max(value::double) filter (where setting = 'partial_weight') as partial_weight,
      max(value::double) filter (where setting = 'flag_score') as flag_score
    from drift_settings
  )
),

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
  select c.customer_id, c.typical_amount, c.invoices, s.weight_cap, s.prior_weight, s.gap_end, s.baseline_start, s.baseline_min_invoices
  from (
    select customer_id, median(amount) as typical_amount, count(*) as invoices
    from known
    group by customer_id
  ) as c
  cross join settings as s
),

weighted as (
  select
    k.*,
    t.typical_amount,
    least(k.amount, t.weight_cap * t.typical_amount) as weight,
    t.gap_end,
    t.baseline_start,
    t.baseline_min_invoices
  from known as k
  join typical_amounts as t using (customer_id)
),

-- the norm: invoices paid in the year that ended baseline_gap_days ago (or, for a customer that
-- buys rarely, its last baseline_min_invoices paid before then). The gap keeps the first months
-- of a slowdown out of the norm, so a change stays visible for half a year or so before it
-- becomes the customer's new normal.
-- Ranking every invoice paid before the gap to find the last few is costly and matters only for a
-- customer with fewer than baseline_min_invoices in the year: the year's invoices rank first (they
-- were paid later than all before), so the earlier ones rank after the year's count.
paid_in_year as (
  select customer_id, invoice_id, days_late, weight
  from weighted
  where is_paid and paid_on <= gap_end and paid_on > baseline_start
),

paid_in_year_counts as (
  select customer_id, count(*) as year_invoices
  from paid_in_year
  group by customer_id
),

baseline_invoices as (
  select customer_id, invoice_id, days_late, weight
  from paid_in_year
  union all
  select w.customer_id, w.invoice_id, w.days_late, w.weight
  from weighted as w
  left join paid_in_year_counts as c using (customer_id)
  where w.is_paid and w.paid_on <= w.gap_end and (w.paid_on > w.baseline_start) is not true
    and coalesce(c.year_invoices, 0) < w.baseline_min_invoices
  qualify coalesce(c.year_invoices, 0) + row_number() over (partition by w.customer_id order by w.paid_on desc, w.invoice_id) <= w.baseline_min_invoices
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
  select coalesce(median(own_spread) filter (where baseline_invoices >= 3), (select min_scale_days from settings)) as spread
  from spreads
),

-- empirical Bayes: a thin history borrows the portfolio's spread
profiles as (
  select
    n.customer_id,
    n.norm_days_late,
    s.baseline_invoices,
    greatest(
      sqrt((s.baseline_invoices * s.own_spread ^ 2 + cfg.scale_prior * p.spread ^ 2) / (s.baseline_invoices + cfg.scale_prior)),
      cfg.min_scale_days
    ) as spread,
    -- carried along to the customer's invoices
    cfg.gap_end,
    cfg.baseline_start,
    cfg.baseline_min_invoices,
    cfg.recent_start,
    cfg.recent_min_invoices,
    cfg.recent_max_invoices,
    cfg.trend_start,
    cfg.detector_start,
    cfg.winsor_days,
    cfg.slowed_exceed_rate
  from norms as n
  join spreads as s using (customer_id)
  cross join portfolio_spread as p
  cross join settings as cfg
),

-- the exceedance threshold: later than the norm by z spreads (and at least exceed_min_days); the
-- spread is widened for a norm from few invoices (its own uncertainty). An invoice past it is
-- "later than the customer usually pays".
thresholds as (
  select
    p.*,
    p.norm_days_late + greatest(
      cfg.exceed_z * p.spread * sqrt(1 + cfg.norm_uncertainty / p.baseline_invoices),
      cfg.exceed_min_days
    ) as threshold_days
  from profiles as p
  cross join settings as cfg
),

-- how often that happened to invoices due in the norm's year (or the customer's last
-- baseline_min_invoices due before then), counting the ones still unpaid at as_of or written off
-- unpaid as past it — recent evidence counts open invoices too, so the rates compare like with
-- like. Shrunk toward the portfolio's rate (a thin history borrows it), never below min_exceed_rate.
-- Only customers with a threshold count; the latest few due before the year are ranked as for
-- the norm above, only for a customer with fewer than baseline_min_invoices due in the year.
baseline_due as (
  select
    i.customer_id,
    i.invoice_id,
    i.due_date,
    coalesce(i.paid_on <= as_of::date, false) as is_paid,
    i.paid_on - i.due_date as days_late,
    t.threshold_days,
    t.baseline_start,
    t.baseline_min_invoices
  from invoice_pay_dates as i
  join thresholds as t using (customer_id)
  where i.invoice_date <= as_of::date
    and i.due_date <= t.gap_end
    and (i.disputed_on is null or i.disputed_on > as_of::date)
),

due_in_year_counts as (
  select customer_id, count(*) as year_invoices
  from baseline_due
  where due_date > baseline_start
  group by customer_id
),

baseline_due_counted as (
  select customer_id, is_paid, days_late, threshold_days
  from baseline_due
  where due_date > baseline_start
  union all
  select b.customer_id, b.is_paid, b.days_late, b.threshold_days
  from baseline_due as b
  left join due_in_year_counts as c using (customer_id)
  where (b.due_date > b.baseline_start) is not true
    and coalesce(c.year_invoices, 0) < b.baseline_min_invoices
  qualify coalesce(c.year_invoices, 0) + row_number() over (partition by b.customer_id order by b.due_date desc, b.invoice_id) <= b.baseline_min_invoices
),

baseline_exceedances as (
  select
    customer_id,
    count(*) filter (where not is_paid or days_late > threshold_days) as exceeded,
    count(*) as invoices
  from baseline_due_counted
  group by customer_id
),

portfolio_rate as (
  select coalesce(sum(exceeded) / nullif(sum(invoices), 0), 0) as rate from baseline_exceedances
),

rates as (
  select
    t.*,
    greatest(
      (coalesce(e.exceeded, 0) + cfg.exceed_prior * pr.rate) / (coalesce(e.invoices, 0) + cfg.exceed_prior),
      cfg.min_exceed_rate
    ) as exceed_rate,
    cfg.exceed_z,
    cfg.overdue_late_z
  from thresholds as t
  left join baseline_exceedances as e using (customer_id)
  cross join portfolio_rate as pr
  cross join settings as cfg
),

-- the invoices the change detector reads: due in the last detector_days (the 180 days since the
-- norm's year ended and that year's last quarter, so a slowdown that began late in it still shows
-- as one run rather than as a higher norm)
detector_invoices as (
  select
    w.*,
    -- an invoice under half the customer's median invoice counts in proportion to its amount
    least(w.amount / (0.5 * w.typical_amount), 1) as amount_factor,
    r.norm_days_late,
    r.threshold_days,
    r.exceed_z,
    r.overdue_late_z,
    r.exceed_rate,
    r.slowed_exceed_rate,
    r.winsor_days,
    r.recent_max_invoices,
    r.recent_start,
    r.recent_min_invoices
  from weighted as w
  join rates as r using (customer_id)
  where w.due_date <= as_of::date
    and w.due_date > r.detector_start
),

-- recent evidence, by due date: those whose verdict is known at as_of — paid (days late known) or
-- still open and already past the threshold (right-censored: an open invoice is at least as_of −
-- due late, so it counts as soon as that passes the threshold, before the late payment arrives).
-- Open invoices not yet past it are undecided, below. At most the latest recent_max_invoices count.
decided as (
  select
    customer_id,
    invoice_id,
    due_date,
    amount,
    is_paid,
    has_payment,
    days_late,
    weight,
    days_late > threshold_days as exceeds,
    amount_factor,
    greatest(least(days_late - norm_days_late, winsor_days), -winsor_days) as excess,
    row_number() over (partition by customer_id order by due_date desc, invoice_id) as recency,
    exceed_rate,
    slowed_exceed_rate,
    recent_max_invoices,
    recent_start,
    recent_min_invoices
  from detector_invoices
  where is_paid or days_late > threshold_days
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
    select *, exceed_z * (days_late - norm_days_late) / (threshold_days - norm_days_late) as z
    from detector_invoices
    where not is_paid
      and days_late > norm_days_late
      and days_late <= threshold_days
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
-- invoice alone never moves it), shrunk toward the portfolio's for a norm from few invoices
recent_invoices as (
  select *
  from decided
  where due_date > recent_start or recency <= recent_min_invoices
),

recent_with_prior as (
  select customer_id, invoice_id, excess, weight from recent_invoices
  union all
  select p.customer_id, null, 0, t.prior_weight * t.typical_amount
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
  select w.customer_id, w.invoice_id, w.due_date, least(w.days_late, p.norm_days_late + p.winsor_days) as days_late
  from weighted as w
  join profiles as p using (customer_id)
  where w.due_date > p.trend_start
    and w.due_date <= as_of::date
    and (w.is_paid or w.days_late > p.norm_days_late)
),

-- how many points a slope rests on: those with a later point to pair with, and the last
trend_counts as (
  select customer_id, count(*) filter (where due_date < last_due) + 1 as trend_invoices
  from (select customer_id, due_date, max(due_date) over (partition by customer_id) as last_due from trend_points)
  group by customer_id
),

trends as (
  select s.customer_id, s.trend_per_quarter, c.trend_invoices
  from (
    select a.customer_id, 90 * median((b.days_late - a.days_late) / (b.due_date - a.due_date)) as trend_per_quarter
    from trend_points as a
    join trend_points as b on a.customer_id = b.customer_id and b.due_date > a.due_date
    group by a.customer_id
  ) as s
  join trend_counts as c using (customer_id)
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
    ps.shift + (coalesce(rs.shift, 0) - ps.shift) * r.baseline_invoices / (r.baseline_invoices + cfg.baseline_prior) as shift,
    ps.shift as portfolio_shift,
    coalesce(c.cusum, 0) as cusum,
    coalesce(c.run_invoices, 0) as run_invoices,
    coalesce(c.run_exceedances, 0) as run_exceedances,
    coalesce(c.run_overdue, 0) as run_overdue,
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
  cross join settings as cfg
  left join recent_shifts as rs using (customer_id)
  left join cusum as c using (customer_id)
  left join paid_shifts as ps_paid using (customer_id)
  left join open_late as o using (customer_id)
  left join trends as t using (customer_id)
),

-- signal 1 = the flag (score 50). The change detector gives cusum / cusum_threshold once the
-- run holds at least min_exceedances late invoices, past the threshold or overdue overdue_late_z
-- spreads past the norm (with partial payments adding to it); with
-- fewer it is held at single_cap, so a single late invoice never lifts the score above ~7. The
-- size of the change — the amount-weighted shift and the trend, each in thresholds — grades every
-- customer below that (at most shift_weight + trend_weight, short of the flag on its own).
scored as (
  select
    g.*,
    case
      when g.run_exceedances + g.run_overdue >= cfg.min_exceedances
        then g.cusum / cfg.cusum_threshold + cfg.partial_weight * g.partial_share
      else least(g.cusum / cfg.cusum_threshold, cfg.single_cap)
    end
      + cfg.shift_weight * least(greatest(g.shift, 0) / (g.threshold_days - g.norm_days_late), 1)
      + cfg.trend_weight * least(greatest(coalesce(g.trend_per_quarter, 0), 0) / (g.threshold_days - g.norm_days_late), 1)
      as signal
  from signals as g
  cross join settings as cfg
),

customers as (
  select customer_id, invoices
  from typical_amounts
),

final as (
  select
    c.customer_id,
    c.invoices,
    round(100 * (1 - 0.5 ^ greatest(coalesce(s.signal, 0), 0)), 1) as score,
    coalesce(round(100 * (1 - 0.5 ^ greatest(s.signal, 0)), 1) >= cfg.flag_score, false) as flagged,
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
    coalesce(s.run_overdue, 0) as run_overdue,
    s.run_first_due
  from customers as c
  left join scored as s using (customer_id)
  cross join settings as cfg
)

select * from final
