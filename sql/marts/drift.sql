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

-- recent evidence: invoices paid since the norm's year ended, and open invoices due lately that
-- are already later than the customer's norm (so a slowdown shows before the late payment
-- arrives). Of the paid ones, those of the recent window count, and at least the latest
-- recent_min_invoices, so a customer that buys rarely still has evidence.
recent_candidates as (
  select
    w.customer_id,
    w.invoice_id,
    w.due_date,
    w.amount,
    w.is_paid,
    w.paid_on,
    w.has_payment,
    w.days_late,
    w.weight,
    greatest(least(w.days_late - p.norm_days_late, drift_setting('winsor_days')), -drift_setting('winsor_days')) as excess,
    row_number() over (partition by w.customer_id order by w.due_date desc, w.invoice_id) as recency
  from weighted as w
  join profiles as p using (customer_id)
  where (w.is_paid and w.paid_on > as_of::date - drift_setting('baseline_gap_days')::integer)
     or (not w.is_paid and w.due_date > as_of::date - drift_setting('open_lookback_days')::integer and w.days_late > p.norm_days_late)
),

recent_invoices as (
  select customer_id, invoice_id, due_date, amount, is_paid, has_payment, days_late, weight, excess
  from recent_candidates
  where not is_paid
     or paid_on > as_of::date - drift_setting('recent_days')::integer
     or recency <= drift_setting('recent_min_invoices')
),

-- the norm itself enters the recent median with prior_weight typical invoices: one late
-- invoice alone never moves the median, two do
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

-- for the reasons: what the payments alone say, and the open invoices already late
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
    r.customer_id,
    count(*) as open_late_invoices,
    sum(r.amount) as open_late_amount,
    min(r.days_late) as open_late_min_days,
    -- partial payments: the share of that late money on invoices already paid in part
    sum(r.weight) filter (where r.has_payment) / sum(r.weight) as partial_share
  from recent_invoices as r
  join profiles as p using (customer_id)
  where not r.is_paid and r.excess >= p.spread
  group by r.customer_id
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
    p.customer_id,
    p.norm_days_late,
    p.baseline_invoices,
    p.spread,
    coalesce(r.shift, 0) as raw_shift,
    -- shrink toward the portfolio's shift: a norm from few invoices is trusted less
    ps.shift + (coalesce(r.shift, 0) - ps.shift) * p.baseline_invoices / (p.baseline_invoices + drift_setting('baseline_prior')) as shift,
    ps.shift as portfolio_shift,
    ps_paid.recent_paid_invoices,
    ps_paid.paid_shift,
    o.open_late_invoices,
    o.open_late_amount,
    o.open_late_min_days,
    coalesce(o.partial_share, 0) as partial_share,
    case when t.trend_invoices >= 4 then t.trend_per_quarter end as trend_per_quarter
  from profiles as p
  cross join portfolio_shift as ps
  left join recent_shifts as r using (customer_id)
  left join paid_shifts as ps_paid using (customer_id)
  left join open_late as o using (customer_id)
  left join trends as t using (customer_id)
),

scored as (
  select
    *,
    shift / spread
      + drift_setting('trend_weight') * least(greatest(coalesce(trend_per_quarter, 0), 0) / spread, 4)
      + drift_setting('partial_weight') * partial_share * (case when shift > 0 then 1 else 0 end) as signal
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
    round(100 * (1 - 0.5 ^ (greatest(coalesce(s.signal, 0), 0) / drift_setting('half_score_z'))), 1) as score,
    coalesce(round(100 * (1 - 0.5 ^ (greatest(s.signal, 0) / drift_setting('half_score_z'))), 1) >= drift_setting('flag_score'), false) as flagged,
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
    s.trend_per_quarter
  from customers as c
  left join scored as s using (customer_id)
)

select * from final
