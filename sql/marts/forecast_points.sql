-- Every invoice open at an as-of date (balance > 0) with its possible pay dates after it (or none:
-- not paid) and their weights in its pay-date distribution: the model of docs/forecast.md. The
-- dates are not kept one by one: one row per invoice (ik, the number open_cte gives it) and week of
-- the horizon (week k = 1 … weeks, weeks + 1 after it, null for the share never paid) with the
-- weight in it, the weight after the due date or undated (late_weight), and the first date in it
-- whose running weight (the invoice's weight on that date and the dates before) passes the 10th,
-- 50th and 90th percentile of its dated weight, so forecast_model's quantiles are the least of
-- these per invoice. open_cte names the caller's CTE of the open invoices, which forecast_model
-- reads too (computed once).
-- Only facts known at as_of are read: invoices dated ≤ as_of, money dated ≤ as_of, promises made
-- by then and their outcomes known by then; an invoice paid after as_of is open at as_of.
create or replace macro forecast_points(as_of, open_cte, weeks) as table
with

settings as (
  select *, as_of::date - history_days::integer as history_start
  from forecast_settings_row
),

-- cash arrives on weekdays only when the ledger says so: at most weekend_share_max of the window's
-- settled invoices paid on a Saturday or a Sunday (docs/forecast.md step 10). Then a candidate
-- date on a weekend is the next Monday, and an invoice still open on a Saturday or Sunday has
-- survived only the last weekday before it (cutoff): its dates on the weekend are Monday's.
calendar as materialized (
  select
    roll,
    as_of::date - case when roll then (case isodow(as_of::date) when 6 then 1 when 7 then 2 else 0 end) else 0 end as cutoff,
    -- as_of − cutoff, in days
    case when roll then (case isodow(as_of::date) when 6 then 1 when 7 then 2 else 0 end) else 0 end as gap
  from (
    select coalesce(avg((isodow(h.paid_on) >= 6)::integer) <= any_value(cfg.weekend_share_max), false) as roll
    from forecast_history as h
    cross join settings as cfg
    where h.paid_on <= as_of::date and h.paid_on > cfg.history_start
  )
),

-- the delivery channel's effect (docs/forecast.md step 11): where the ledger says how each invoice
-- reached the customer (paper, email, EDI ...), the days a channel adds to or takes from a customer's
-- habit. Measured within customers, so that which customers use a channel does not count: each
-- customer that used more than one channel in the window has a median days late per channel, centred
-- on the median of those; a channel's effect is the median of its centred medians over those
-- customers (rounded to days), once at least segment_min_invoices of their undisputed invoices went
-- by it. A ledger without channels (all ''), or with one per customer, has no effects.
channel_effects as materialized (
  select channel, round(median(dev))::integer as effect
  from (
    select channel, n, m - median(m) over (partition by customer_id) as dev, count(*) over (partition by customer_id) as channels
    from (
      select h.customer_id, h.channel, median(h.days_late) as m, count(*) as n
      from forecast_history as h
      cross join settings as cfg
      where h.paid_on <= as_of::date and h.paid_on > cfg.history_start and not h.was_disputed and cfg.channel_effect > 0
      group by h.customer_id, h.channel
    )
  )
  where channels > 1
  group by channel
  having sum(n) >= (select segment_min_invoices from settings)
),

-- settled history: invoices paid in the window (core/forecast_history: by how many days after their
-- due date, their segment, their dispute), each counted once at its recency weight, which halves
-- every half_life_days (not by its amount: measured in docs/forecast.md "Choices measured"), so a
-- customer's weights sum to its effective number of invoices. Disputed and undisputed invoices are
-- two histories: a dispute, not the habit, sets the pace of the first. The days are net of the
-- invoice's channel's effect (step 11): an open invoice adds its own channel's back (channel_shift),
-- so a customer's paper invoices tell when its e-mailed one is paid, and every statistic below
-- (paces, medians, grids) compares days of the same channel.
settled as (
  select
    h.customer_id,
    h.segment,
    h.days_late - coalesce(e.effect, 0) as days_late,
    h.days_from_dispute - coalesce(e.effect, 0) as days_from_dispute,
    h.was_disputed,
    h.paid_on > as_of::date - cfg.pace_recent_days::integer as recent,
    -- due in the last pace_due_days (the late pace's window: late_pace below)
    h.paid_on - h.days_late > as_of::date - cfg.pace_due_days::integer as due_recent,
    0.5 ^ ((as_of::date - h.paid_on) / cfg.half_life_days) as recency
  from forecast_history as h
  cross join settings as cfg
  left join channel_effects as e using (channel)
  where h.paid_on <= as_of::date and h.paid_on > cfg.history_start
),

-- every invoice open at as_of; paid_on: the day its money reached 98 % of its amount (core/invoice_pay_dates)
-- when that was by as_of, for an invoice paid all but a small rest (a short payment, bank charges)
open_all as (
  select
    o.ik,
    o.invoice_id,
    o.customer_id,
    coalesce(o.segment, '') as segment,
    o.due_date,
    o.balance,
    -- in open dispute at as_of; a Yes/No flag without a date counts from the invoice date (invoice_pay_dates)
    coalesce(p.disputed_on <= as_of::date and (p.dispute_resolved_on is null or p.dispute_resolved_on > as_of::date), false) as in_dispute,
    p.disputed_on,
    -- days since the dispute opened, for an invoice in open dispute only (null otherwise): the key of
    -- dispute_rates, so unpaid_points joins it by hash rather than testing every pair
    case
      when p.disputed_on <= as_of::date and (p.dispute_resolved_on is null or p.dispute_resolved_on > as_of::date)
        then (as_of::date - p.disputed_on)::integer
    end as dispute_age,
    case when p.paid_on <= as_of::date then p.paid_on end as paid_on,
    -- the first payment, when part of the invoice was paid by as_of (step 8)
    case when p.first_payment_on <= as_of::date then p.first_payment_on end as part_paid_on,
    -- a Yes/No dispute flag without a date of its own (step 5)
    coalesce(i.undated_dispute, false) as undated_dispute,
    -- its channel's effect in days (step 11)
    coalesce(e.effect, 0) as channel_shift
  from query_table(open_cte) as o
  left join (
    select invoice_id, disputed_on, dispute_resolved_on, paid_on, first_payment_on
    from invoice_pay_dates
    where disputed_on is not null or paid_on <= as_of::date or first_payment_on <= as_of::date
  ) as p using (invoice_id)
  left join (
    select invoice_id, coalesce(delivery_channel, '') as channel, disputed and disputed_on is null as undated_dispute
    from stg_invoices
    where delivery_channel is not null or (disputed and disputed_on is null)
  ) as i using (invoice_id)
  left join channel_effects as e on e.channel = coalesce(i.channel, '')
  where o.balance > 0
),

-- an invoice paid by as_of but for a small rest (docs/forecast.md step 8) is paid: its pay date is
-- the day it was paid, known at as_of, and the rest is not expected as cash (the ledger writes such
-- rests off); the model below is for the others
paid_by_as_of as (
  select ik, due_date, paid_on from open_all where paid_on is not null
),

open_items as (
  select * exclude (paid_on) from open_all where paid_on is null
),

-- one pass over each customer's undisputed settled invoices and its open overdue ones for the paces
-- below and the tail's median (step 4): is_open rows (an invoice due in the last pace_due_days, still
-- open and overdue, at its days late so far) count in the late pace's recent sample only
customer_stats as materialized (
  select
    customer_id,
    count(*) filter (where recent and not is_open) as recent_n,
    count(*) filter (where not recent and not is_open) as older_n,
    median(days_late) filter (where recent and not is_open) as recent_median,
    median(days_late) filter (where not recent and not is_open) as older_median,
    quantile_cont(days_late, 0.75) filter (where not recent and not is_open)
      - quantile_cont(days_late, 0.25) filter (where not recent and not is_open) as spread,
    count(*) filter (where due_recent) as due_recent_n,
    count(*) filter (where not due_recent and not is_open) as due_older_n,
    median(days_late) filter (where due_recent) as due_recent_median,
    median(days_late) filter (where not due_recent and not is_open) as due_older_median,
    quantile_cont(days_late, 0.75) filter (where not due_recent and not is_open)
      - quantile_cont(days_late, 0.25) filter (where not due_recent and not is_open) as due_spread,
    median(days_late) filter (where not is_open) as median_late
  from (
    select customer_id, days_late, recent, due_recent, false as is_open from settled where not was_disputed
    union all
    select o.customer_id, (cal.cutoff - o.due_date)::integer - o.channel_shift, false, true, true
    from open_items as o, calendar as cal, settings as cfg
    where cfg.pace_due_days > 0 and not o.in_dispute and o.due_date < cal.cutoff
      and o.due_date > as_of::date - cfg.pace_due_days::integer
  )
  group by customer_id
),

-- a customer's habit, its median undisputed days late (the portfolio's without history): the base the
-- tail (step 4) and an undated dispute's prior (step 5) count from
customer_medians as (
  select customer_id, round(median_late)::integer as base
  from customer_stats
  where median_late is not null
),

portfolio_median as (
  select round(median(days_late))::integer as base from settled where not was_disputed
),

-- a customer's new pace (docs/forecast.md step 2): when the median days late of its undisputed
-- invoices paid in the last pace_recent_days (at least pace_min_invoices of them) is pace_shift_days
-- or more from the median of those paid before, its older undisputed invoices are moved by the
-- difference in its own distribution: the spread of its old habit, at its new pace (the segment's
-- and the portfolio's grids keep the days as they were).
paid_pace as (
  select customer_id, shift, false as by_due
  from (
    select customer_id, recent_n, older_n, (recent_median - older_median)::integer as shift, spread
    from customer_stats
  ), settings as cfg
  where recent_n >= cfg.pace_min_invoices and older_n > 0
    and abs(shift) >= greatest(cfg.pace_shift_days, cfg.pace_spread_factor * spread)
),

-- the late pace (step 2, since 2026-12-02): a slowdown shows first in the invoices still open past
-- their usual day, before any of them is paid at the new pace. Of the customer's undisputed invoices
-- due in the last pace_due_days, a paid one counts its days late and one still open and overdue at
-- as_of its days late so far (a lower bound of its days late: it is paid later, if ever); when the
-- median of those (at least pace_min_invoices) is later than the median of the invoices due before by
-- the same margin as above, the older ones are moved by the difference: a lower bound of the
-- slowdown, so only a slower pace is read this way (a faster one from paid_pace alone).
late_pace as (
  select customer_id, shift, true as by_due
  from (
    select customer_id, due_recent_n as recent_n, due_older_n as older_n,
      (due_recent_median - due_older_median)::integer as shift, due_spread as spread
    from customer_stats
  ), settings as cfg
  where cfg.pace_due_days > 0 and recent_n >= cfg.pace_min_invoices and older_n > 0
    and shift >= greatest(cfg.pace_shift_days, cfg.pace_spread_factor * spread)
),

-- one row per customer that moved: the larger shift when both say slower. by_due: the invoices that
-- keep their days are those due in the window (late_pace) rather than those paid in it (paid_pace)
pace as materialized (
  select customer_id, shift, by_due
  from (select * from paid_pace union all select * from late_pace)
  qualify row_number() over (partition by customer_id order by shift desc, by_due) = 1
),

-- the priors, 20 quantiles each (forecast_grid), each quantile weighing prior_weight / 20 invoices:
-- a segment's days late (the portfolio's for a small segment); the portfolio's days from dispute to
-- payment, for an invoice in open dispute; and how much longer than the portfolio's 90th percentile
-- its latest tenth took (at least 1 day), for an invoice already later than every date its
-- distribution allows
segment_grid as (
  select segment, unnest(grid) as days_late
  from (
    select segment, quantile_disc(days_late, forecast_grid()) as grid
    from settled
    where not was_disputed
    group by segment
    having count(*) >= (select segment_min_invoices from settings)
  )
),

portfolio_grids as (
  select
    quantile_disc(days_late, forecast_grid()) filter (where not was_disputed) as portfolio,
    quantile_disc(days_from_dispute, forecast_grid()) filter (where was_disputed) as dispute,
    quantile_disc(days_late, 0.9) filter (where not was_disputed) as q90
  from settled
),

portfolio_grid as (
  select unnest(portfolio) as days_late from portfolio_grids where portfolio is not null
),

dispute_grid as (
  select unnest(dispute) as days_from_dispute from portfolio_grids where dispute is not null
),

-- an open dispute's prior in days past its customer's habit (dispute_relative): the portfolio's disputed
-- invoices' days late less their own customer's median undisputed days late (the portfolio's median
-- without history), so a dispute is given what disputes added to their customers' habits
dispute_excess_grid as (
  select unnest(grid) as excess
  from (
    select quantile_disc(s.days_late - coalesce(m.base, pm.base, 0), forecast_grid()) as grid
    from settled as s
    left join customer_medians as m using (customer_id)
    cross join portfolio_median as pm
    where s.was_disputed
      and exists (
        select 1 from open_items as o, settings as cfg
        where o.in_dispute and (cfg.dispute_relative = 2 or (cfg.dispute_relative = 1 and o.undated_dispute))
      )
  )
  where grid is not null
),

has_disputes as (
  select count(*) > 0 as has_disputes from dispute_grid
),

-- an invoice part paid (step 8): of the invoices paid in parts in the window (undisputed), the days
-- from their n-th payment to the day they were paid, per n (the n-th of the payments before that
-- day), so an open invoice with n payments by as_of is read against the invoices that had made as many
part_grids as (
  select n, quantile_disc(days_from_part, forecast_grid()) as grid
  from (
    select n, (paid_on - effective_date)::integer as days_from_part
    from (
      select p.paid_on, f.effective_date, row_number() over (partition by p.invoice_id order by f.effective_date) as n
      from invoice_pay_dates as p
      join invoice_flows as f using (invoice_id)
      cross join settings as cfg
      where p.paid_on <= as_of::date and p.paid_on > cfg.history_start and p.first_payment_on < p.paid_on
        and (p.disputed_on is null or p.disputed_on > p.paid_on)
        and f.kind = 'payment' and f.effective_date < p.paid_on
    )
  )
  group by n
),

part_grid as (
  select n, unnest(grid) as days_from_part from part_grids
),

-- an open invoice's payments by as_of, when it was part paid: how many, the last
open_parts as (
  select o.ik, count(*) as n, max(f.effective_date) as last_part_on
  from open_items as o
  join invoice_flows as f using (invoice_id)
  where o.part_paid_on is not null and f.kind = 'payment' and f.effective_date <= as_of::date
  group by o.ik
),

tail_grid as (
  select unnest(grid) as extra_days
  from (
    select quantile_disc(s.days_late - q.q90, forecast_grid()) as grid
    from settled as s, portfolio_grids as q
    where not s.was_disputed and s.days_late >= q.q90
  )
  where grid is not null
),

-- which history an open invoice draws on: its customer's disputed invoices and the dispute grid
-- when it is in open dispute (and the ledger has settled disputes), else the undisputed ones and
-- its segment's grid (the portfolio's when the segment is small)
open_tracks as (
  select
    o.*,
    o.in_dispute and d.has_disputes as waits_for_dispute,
    -- its prior counted from its customer's habit (step 5, dispute_relative)
    o.in_dispute and (cfg.dispute_relative = 2 or (cfg.dispute_relative = 1 and o.undated_dispute)) as relative_dispute,
    o.segment in (select segment from segment_grid) as has_segment_grid,
    -- part paid (and not waiting for a dispute): its rest comes within the range of the days the
    -- invoices with as many payments took from the last of them (the 20 quantiles' first and last)
    pp.n as parts,
    pp.last_part_on,
    pp.last_part_on + g.grid[1] as rest_from,
    pp.last_part_on + g.grid[20] as rest_until,
    coalesce(g.grid is not null and not (o.in_dispute and d.has_disputes) and cfg.part_paid_window > 0, false) as waits_for_rest
  from open_items as o
  left join open_parts as pp using (ik)
  left join part_grids as g using (n)
  cross join has_disputes as d
  cross join settings as cfg
),

-- a promise to pay moves the date: the latest promise on the invoice still in its window at as_of
-- takes the customer's promise-kept rate (promises whose outcome is known at as_of, shrunk toward
-- the portfolio's) of the distribution
promise_record as (
  select
    customer_id,
    count(*) filter (where kept) as kept,
    count(*) as promises
  from promise_outcomes, settings as cfg
  where promised_date + cfg.promise_grace_days::integer <= as_of::date
  group by customer_id
),

portfolio_kept as (
  select coalesce(sum(kept) / nullif(sum(promises), 0), 0.5) as rate from promise_record
),

open_promises as (
  select o.ik, o.customer_id, greatest(pr.promised_date, as_of::date + 1) as pay_date
  from promise_outcomes as pr
  join open_items as o using (invoice_id)
  cross join settings as cfg
  where pr.activity_date <= as_of::date
    and pr.promised_date + cfg.promise_grace_days::integer > as_of::date
  qualify row_number() over (partition by o.ik order by pr.activity_date desc, pr.promised_date desc) = 1
),

promise_points as (
  select
    p.ik,
    p.pay_date,
    -- share r of the mixture: weight r / (1 − r) times the rest of the distribution
    least((coalesce(r.kept, 0) + cfg.promise_prior * k.rate) / (coalesce(r.promises, 0) + cfg.promise_prior), cfg.max_kept_rate) as kept_rate
  from open_promises as p
  left join promise_record as r using (customer_id)
  cross join portfolio_kept as k
  cross join settings as cfg
),

-- Most open invoices (not waiting for a dispute, no open promise) draw on their customer's
-- undisputed history and its segment's grid alone: the same distribution for every invoice of the
-- customer, in days late. It is summed by day once per customer, with its running weights; an
-- invoice keeps the days after its own lateness at as_of (condition on survival), and its running
-- weight on a day is the customer's less the weight it dropped. The others (a promise, a dispute)
-- mix in a point or a second origin of their own and are ranked invoice by invoice below.
-- (the customers are numbered for the date, ck: the sums, the window and the joins below key on an
-- integer, which DuckDB hashes and sorts about twice as fast as the customer's name)
-- (and by channel_shift: a customer's invoices sent by channels of different effects draw on its
-- history moved by each one's, step 11)
shared_customers as materialized (
  select customer_id, channel_shift, segment, has_segment_grid, (row_number() over ())::integer as ck
  from (
    select customer_id, channel_shift, any_value(segment) as segment, bool_or(has_segment_grid) as has_segment_grid
    from open_tracks
    where not waits_for_dispute
    group by customer_id, channel_shift
  )
),

shared_open as (
  select o.ik, c.ck, o.due_date, (cal.cutoff - o.due_date)::integer as lateness
  from open_tracks as o
  join shared_customers as c using (customer_id, channel_shift)
  cross join calendar as cal
  where not o.waits_for_dispute
    and not o.waits_for_rest
    and o.ik not in (select ik from open_promises)
),

customer_days as (
  select ck, days_late, sum(weight) as weight, bool_or(own) as own
  from (
    select c.ck, s.days_late + c.channel_shift + case when (case when p.by_due then s.due_recent else s.recent end) then 0 else coalesce(p.shift, 0) end as days_late, s.recency as weight, true as own
    from settled as s
    join shared_customers as c using (customer_id)
    left join pace as p using (customer_id)
    where not s.was_disputed
    union all
    select c.ck, g.days_late + c.channel_shift, cfg.prior_weight / 20, false
    from shared_customers as c
    join segment_grid as g using (segment)
    cross join settings as cfg
    union all
    select c.ck, g.days_late + c.channel_shift, cfg.prior_weight / 20, false
    from (select * from shared_customers where not has_segment_grid) as c
    cross join portfolio_grid as g
    cross join settings as cfg
  )
  group by ck, days_late
),

-- the customer's days and, in the same order, one row per invoice at its lateness at as_of (weight
-- 0, after the day's own row): the running weight there is what the invoice dropped (not paid by
-- then), found by the one window that sums the customer's days instead of by a join of its own
customer_running as materialized (
  select
    ck,
    days_late,
    weight,
    ik,
    sum(weight) over (partition by ck order by days_late * 2 + (ik is not null)::integer) as running,
    sum(weight) over (partition by ck) as total,
    max(case when ik is null then days_late end) over (partition by ck) as last_day,
    -- the last of the customer's own days (not its prior's grid)
    max(case when own then days_late end) over (partition by ck) as own_last_day
  from (
    select ck, days_late, weight, null::integer as ik, own from customer_days
    union all
    select ck, lateness, 0.0, ik, false from shared_open
  )
),

-- the invoices that keep some weight (the others get the tail: beyond_history), with what they dropped;
-- due_dow: the weekday of the due date, 0 = Monday, for the weekend roll
shared_totals as (
  select r.ik, r.ck, r.days_late as lateness, s.due_date, (isodow(s.due_date) - 1)::integer as due_dow, r.running as dropped, r.total - r.running as total
  from customer_running as r
  join shared_open as s using (ik)
  cross join settings as cfg
  where r.ik is not null and r.last_day > r.days_late
    -- tail_relative: an invoice later than all its customer's own days takes the tail too
    and (cfg.tail_relative = 0 or r.own_last_day is null or r.own_last_day > r.days_late)
),

-- the shared invoices' dates grouped by week of the horizon (weeks + 1: after it), with the first
-- date of the group whose running weight passes each quantile, so no invoice's dates are kept
-- (rolled: a date on a weekend moves to the Monday, days after as_of counted from the rolled date;
-- the rolled dates keep their order, so the first date past a quantile rolls to the rolled quantile)
shared_days as (
  select
    ik,
    days_late + shift - lateness - gap as after,
    days_late + shift > 0 as late,
    weight,
    running,
    total
  from (
    select
      s.ik,
      s.lateness,
      cal.gap,
      c.days_late,
      case when cal.roll then (case ((s.due_dow + c.days_late) % 7 + 7) % 7 when 5 then 2 when 6 then 1 else 0 end) else 0 end as shift,
      c.weight,
      c.running - s.dropped as running,
      s.total
    from shared_totals as s
    join customer_running as c on c.ck = s.ck and c.days_late > s.lateness and c.ik is null
    cross join calendar as cal
  )
),

shared_weeks as (
  select
    ik,
    least((after - 1) // 7 + 1, weeks::integer + 1) as week,
    sum(weight) as weight,
    min(after) filter (where running > (0.1 + 1e-9) * total) as low_after,
    min(after) filter (where running > (0.5 + 1e-9) * total) as median_after,
    min(after) filter (where running > (0.9 + 1e-9) * total) as high_after,
    sum(weight) filter (where late) as late_weight
  from shared_days
  group by all
),

own_open as (
  select o.*
  from open_tracks as o
  where o.waits_for_dispute
    or o.waits_for_rest
    or o.ik in (select ik from open_promises)
),

-- (an invoice part paid keeps its customer's dates within the range of the portfolio's days from a
-- last part payment to the day paid, counted from its own last payment, and that range's 20 quantiles
-- are its prior instead of the segment's: step 8)
candidates as (
  select ik, pay_date, weight
  from (
    select o.ik, o.waits_for_rest, o.rest_from, o.rest_until, o.due_date + o.channel_shift + c.days_late + case when c.was_disputed or (case when p.by_due then c.due_recent else c.recent end) then 0 else coalesce(p.shift, 0) end as pay_date, c.recency as weight
    from own_open as o
    join settled as c on c.customer_id = o.customer_id and c.was_disputed = o.waits_for_dispute
    left join pace as p on p.customer_id = o.customer_id
  )
  where not waits_for_rest or pay_date between rest_from and rest_until
  union all
  select o.ik, o.due_date + o.channel_shift + g.days_late, cfg.prior_weight / 20
  from own_open as o
  join segment_grid as g using (segment)
  cross join settings as cfg
  where not o.waits_for_dispute and not o.waits_for_rest
  union all
  select o.ik, o.due_date + o.channel_shift + g.days_late, cfg.prior_weight / 20
  from (select * from own_open where not waits_for_dispute and not waits_for_rest and not has_segment_grid) as o
  cross join portfolio_grid as g
  cross join settings as cfg
  union all
  select o.ik, o.last_part_on + g.days_from_part, cfg.prior_weight / 20
  from (select * from own_open where waits_for_rest) as o
  join part_grid as g on g.n = o.parts
  cross join settings as cfg
  union all
  select o.ik, o.disputed_on + o.channel_shift + g.days_from_dispute, cfg.prior_weight / 20
  from (select * from own_open where waits_for_dispute and not relative_dispute) as o
  cross join dispute_grid as g
  cross join settings as cfg
  union all
  select o.ik, o.due_date + o.channel_shift + coalesce(m.base, pm.base, 0) + g.excess, cfg.prior_weight / 20
  from (select * from own_open where waits_for_dispute and relative_dispute) as o
  left join customer_medians as m using (customer_id)
  cross join portfolio_median as pm
  cross join dispute_excess_grid as g
  cross join settings as cfg
),

-- condition on survival: still open at the end of as_of, so it is paid after as_of (after the cutoff,
-- a weekend's dates rolled to the Monday, when cash comes on weekdays only: calendar)
surviving as (
  select ik, pay_date + case when cal.roll then (case isodow(pay_date) when 6 then 2 when 7 then 1 else 0 end) else 0 end as pay_date, weight
  from candidates
  cross join calendar as cal
  where pay_date > cal.cutoff
),

-- an invoice later than every candidate (its customer's days and its segment's grid): condition on
-- survival against the portfolio instead. It gets 20 quantiles of the portfolio's undisputed days
-- late (recency-weighted) among those later than its own lateness at as_of, so an invoice 60 days late
-- is given what the portfolio's invoices that were still unpaid 60 days late took; one later than
-- the whole portfolio gets as_of plus the tail's extra days (tail_grid)
-- (tail_relative: in days after the customer's own median days late, for it and for the portfolio's
-- invoices, so an invoice 15 days later than its customer's habit is given what the portfolio's
-- invoices that were 15 days later than their customers' habits took, not the days of the customers
-- that habitually pay 15 days late; base: the customer's median, the portfolio's without history)
beyond_open as (
  select o.ik, o.due_date, o.base, (cal.cutoff - o.due_date)::integer - o.base as lateness
  from (
    select o.ik, o.due_date, o.channel_shift + case when cfg.tail_relative = 1 then coalesce(m.base, pm.base, 0) else 0 end as base
    from open_items as o
    left join customer_medians as m using (customer_id)
    cross join portfolio_median as pm
    cross join settings as cfg
  ) as o
  cross join calendar as cal
  anti join (select distinct ik from surviving union all select ik from shared_totals) as s using (ik)
),

portfolio_days as (
  select s.days_late - case when cfg.tail_relative = 1 then m.base else 0 end as days_late, sum(s.recency) as weight
  from settled as s
  join customer_medians as m using (customer_id)
  cross join settings as cfg
  where not s.was_disputed
  group by all
),

-- per lateness of such an invoice: the share of the portfolio's days late after it up to each day,
-- and so how many of the 20 quantiles (0.025, 0.075 … 0.975: n(x) = those ≤ x) fall on each day
tail_days as (
  select
    l.lateness,
    p.days_late,
    sum(p.weight) over (partition by l.lateness order by p.days_late) / sum(p.weight) over (partition by l.lateness) as upto
  from (select distinct lateness from beyond_open) as l
  join portfolio_days as p on p.days_late > l.lateness
),

tail_quantiles as (
  select lateness, days_late, (n_upto - n_before) / 20 as weight
  from (
    select
      lateness,
      days_late,
      least(greatest(floor((upto - 0.025) / 0.05) + 1, 0), 20) as n_upto,
      least(greatest(floor((coalesce(lag(upto) over (partition by lateness order by days_late), 0) - 0.025) / 0.05) + 1, 0), 20) as n_before
    from tail_days
  )
  where n_upto > n_before
),

beyond_history as (
  select ik, pay_date + case when cal.roll then (case isodow(pay_date) when 6 then 2 when 7 then 1 else 0 end) else 0 end as pay_date, weight
  from (
    select b.ik, b.due_date + b.base + q.days_late as pay_date, q.weight
    from beyond_open as b
    join tail_quantiles as q using (lateness)
    union all
    select b.ik, cal.cutoff + greatest(t.extra_days, 1)::integer as pay_date, 1.0 / 20 as weight
    from beyond_open as b
    cross join tail_grid as t
    cross join calendar as cal
    where b.lateness not in (select lateness from tail_quantiles)
  )
  cross join calendar as cal
),

without_promise as (
  select * from surviving
  union all
  select * from beyond_history
),

-- every invoice's dated weight before a promise
totals as (
  select ik, total from shared_totals
  union all
  select ik, sum(weight) as total from without_promise group by ik
),

promise_weighted as (
  select p.ik, p.pay_date + case when cal.roll then (case isodow(p.pay_date) when 6 then 2 when 7 then 1 else 0 end) else 0 end as pay_date,
    p.kept_rate / (1 - p.kept_rate) * w.total as weight
  from promise_points as p
  join totals as w using (ik)
  cross join calendar as cal
),

-- the invoices ranked one by one: their dates' running weights
own_points as (
  select
    r.ik,
    r.pay_date,
    r.weight,
    sum(r.weight) over (partition by r.ik order by r.pay_date range between unbounded preceding and current row) as running,
    sum(r.weight) over (partition by r.ik) as dated_total,
    r.pay_date > o.due_date as late
  from (
    select * from without_promise
    union all
    select * from promise_weighted
  ) as r
  join open_items as o using (ik)
),

-- some invoices are never paid (bad debt, stuck disputes): of the invoices that reached the
-- invoice's aging bucket (its lateness at as_of) at least unpaid_after_days before as_of, the
-- amount-weighted share still unpaid at as_of. That share of the distribution is "not paid": a
-- row without a date, which no week receives and which counts as late.
reference as (
  select p.amount, p.due_date, p.paid_on - p.due_date as days_late, coalesce(p.paid_on <= as_of::date, false) as is_paid
  from invoice_pay_dates as p, settings as cfg
  where p.invoice_date <= as_of::date
    and p.due_date > cfg.history_start
),

-- the reference amounts summed by due date and, when paid, days late (DECIMAL: exact in any order),
-- so the buckets' conditions are tested once per group, not once per invoice
reference_days as (
  select due_date, is_paid, case when is_paid then days_late end as days_late, sum(amount) as amount
  from reference
  group by all
),

unpaid_rates as (
  select
    b.bucket,
    b.min_days_past_due,
    b.max_days_past_due,
    coalesce(sum(r.amount) filter (where not r.is_paid) / nullif(sum(r.amount), 0), 0) as unpaid_rate
  from aging_buckets as b
  cross join settings as cfg
  left join reference_days as r
    on r.due_date + coalesce(b.min_days_past_due, 0) + cfg.unpaid_after_days::integer <= as_of::date
    and (not r.is_paid or r.days_late > coalesce(b.min_days_past_due, -1000000))
  group by b.bucket, b.min_days_past_due, b.max_days_past_due
),

-- an invoice in open dispute takes, instead of its bucket's, the share of the portfolio's disputes
-- that stayed open (neither resolved nor paid) as long as its own has, at least unpaid_after_days
-- before as_of, still unpaid at as_of (amount-weighted): a dispute open for months is mostly one
-- that will never be paid. reach: a dispute counts for the open invoices whose dispute is younger
-- (it was still open at their age, and that age was reached unpaid_after_days before as_of).
dispute_reference as (
  select
    least(
      least(coalesce(p.dispute_resolved_on, date '9999-12-31'), coalesce(p.paid_on, date '9999-12-31')) - p.disputed_on,
      as_of::date - cfg.unpaid_after_days::integer - p.disputed_on + 1
    )::integer as reach,
    sum(p.amount) as amount,
    sum(p.amount) filter (where not coalesce(p.paid_on <= as_of::date, false)) as unpaid
  from invoice_pay_dates as p, settings as cfg
  where p.disputed_on is not null
    and p.disputed_on > cfg.history_start
    and p.invoice_date <= as_of::date
  group by all
  having reach > 0
),

-- the references' amounts summed over every reach from each one up (DECIMAL: exact in any order)
dispute_reach_sums as (
  select
    reach,
    sum(amount) over (order by reach desc) as amount,
    sum(unpaid) over (order by reach desc) as unpaid
  from dispute_reference
),

-- per age of the open disputes, the references that reach past it (one older than every reference
-- takes the oldest reference's age): the sums at the least reach above it, found by an ASOF join
-- (one lookup per age instead of every age against every reach)
dispute_rates as (
  select a.age, coalesce(r.unpaid / nullif(r.amount, 0), 0) as unpaid_rate
  from (
    select age, least(age, (select max(reach) from dispute_reference) - 1) as reached
    from (select distinct dispute_age as age from open_items where dispute_age is not null)
  ) as a
  asof join dispute_reach_sums as r on a.reached < r.reach
),

unpaid_points as (
  select ik, null::date as pay_date, least(rate, 0.99) / (1 - least(rate, 0.99)) * total as weight
  from (
    select o.ik, coalesce(d.unpaid_rate, u.unpaid_rate) as rate, w.total
    from open_items as o
    join unpaid_rates as u
      on (as_of::date - o.due_date) between coalesce(u.min_days_past_due, -1000000) and coalesce(u.max_days_past_due, 1000000)
    left join dispute_rates as d on d.age = o.dispute_age
    join totals as w using (ik)
  )
  where rate > 0
),

own_weeks as (
  select
    ik,
    least((pay_date - as_of::date - 1) // 7 + 1, weeks::integer + 1) as week,
    sum(weight) as weight,
    min(pay_date) filter (where running > (0.1 + 1e-9) * dated_total) as pay_date_low,
    min(pay_date) filter (where running > (0.5 + 1e-9) * dated_total) as expected_pay_date,
    min(pay_date) filter (where running > (0.9 + 1e-9) * dated_total) as pay_date_high,
    sum(weight) filter (where late) as late_weight
  from own_points
  group by all
),

final as (
  select ik, week, weight, as_of::date + low_after as pay_date_low, as_of::date + median_after as expected_pay_date, as_of::date + high_after as pay_date_high, late_weight
  from shared_weeks
  union all
  select * from own_weeks
  union all
  select ik, null::integer, weight, null::date, null::date, null::date, weight from unpaid_points
  union all
  select ik, null::integer, 1.0, paid_on, paid_on, paid_on, case when paid_on > due_date then 1.0 else 0.0 end from paid_by_as_of
)

select * from final
