-- One row per customer with invoices at an as-of date: how much later it pays now than its own
-- norm (metrics.md "Paying behaviour"), as a 0–100 score with the figures behind the reasons.
-- Only facts known at as_of are used: invoices dated ≤ as_of, money dated ≤ as_of; an invoice
-- paid after as_of is open at as_of. The parts: drift_customers (each customer's typical invoice),
-- drift_invoices (what each invoice says), drift_norms (the customer's usual pace), drift_detector (evidence of a change since) and
-- drift_trend (the slope); the method and its evaluation are in docs/drift.md.
create or replace macro drift(as_of) as table
with

settings as (
  from drift_settings_row
),

-- each customer's typical invoice, from the whole history: computed once (a row per customer)
customers as (
  from drift_customers(as_of)
),

-- each part once: the later parts read the earlier ones by the name of their CTE here. The
-- invoices are not kept in a CTE: each part reads them (drift_invoices) with its own window, which
-- costs less than a copy of every invoice of the history (docs/drift.md "Speed")
norms as (
  from drift_norms(as_of, 'customers')
),

detector as (
  from drift_detector(as_of, 'customers', 'norms')
),

portfolio_shift as (
  select coalesce(median(shift), 0) as shift from detector
),

signals as (
  select
    n.customer_id,
    n.norm_days_late,
    n.baseline_invoices,
    n.spread,
    n.threshold_days,
    n.exceed_rate,
    coalesce(d.shift, 0) as raw_shift,
    -- shrink toward the portfolio's shift: a norm from few invoices is trusted less
    ps.shift + (coalesce(d.shift, 0) - ps.shift) * n.baseline_invoices / (n.baseline_invoices + cfg.baseline_prior) as shift,
    ps.shift as portfolio_shift,
    coalesce(d.cusum, 0) as cusum,
    coalesce(d.run_invoices, 0) as run_invoices,
    coalesce(d.run_exceedances, 0) as run_exceedances,
    coalesce(d.run_overdue, 0) as run_overdue,
    d.run_first_due,
    d.recent_paid_invoices,
    d.paid_shift,
    d.open_late_invoices,
    d.open_late_amount,
    d.open_late_min_days,
    coalesce(d.partial_share, 0) as partial_share,
    case when t.trend_invoices >= 4 then t.trend_per_quarter end as trend_per_quarter
  from norms as n
  cross join portfolio_shift as ps
  cross join settings as cfg
  left join detector as d using (customer_id)
  left join drift_trend(as_of, 'customers', 'norms') as t using (customer_id)
  where n.has_norm
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
  from norms as c
  left join scored as s using (customer_id)
  cross join settings as cfg
)

select * from final
