-- One row per period (week or month) of period_list: the as-of KPIs at its last day and the
-- period KPIs the weekly review shows (CEI, cash collected, cost per dollar, sales), each with its
-- change against the previous period and against 13 periods before. Changes are in the figure's
-- own unit (days, money, share).
-- CEI, cash and cost per dollar follow period_kpis line for line (metrics.md "KPIs of a period");
-- they are not read from period_kpis because that macro also evaluates every promise to pay,
-- which the review does not show and which costs seconds per call. (A test that both agree is
-- still to be written; see docs/dashboard.md.)
create or replace macro weekly_review(from_date, to_date, grain, window_days) as table
with

periods as (
  select period_start, period_end
  from period_list(from_date, to_date, grain)
),

as_of_figures as (
  select as_of, ar, current_ar, past_due_ar, sales, dso, bpdso, add, countback_dso, past_due_share
  from kpis(from_date, to_date, grain, window_days)
),

positions as (
  select day, ar, current_ar, sales_to_date, cash_to_date
  from daily_positions
),

at_bounds as (
  select
    p.period_start,
    p.period_end,
    coalesce(b.ar, 0) as ar_before,
    coalesce(e.ar, 0) as ar_end,
    coalesce(e.current_ar, 0) as current_ar_end,
    coalesce(e.sales_to_date, 0) - coalesce(b.sales_to_date, 0) as period_sales,
    coalesce(e.cash_to_date, 0) - coalesce(b.cash_to_date, 0) as cash
  from periods as p
  left join positions as b on b.day = position_day(p.period_start - 1)
  left join positions as e on e.day = position_day(p.period_end)
),

collection_costs as (
  select p.period_start, sum(c.amount) as amount
  from periods as p
  join stg_costs as c on c.cost_date between p.period_start and p.period_end
  group by p.period_start
),

activity_costs as (
  select p.period_start, sum(a.cost) as amount
  from periods as p
  join stg_activities as a on a.activity_date between p.period_start and p.period_end
  group by p.period_start
),

period_figures as (
  select
    x.period_start,
    x.period_end,
    x.period_sales,
    (x.ar_before + x.period_sales - x.ar_end) / nullif(x.ar_before + x.period_sales - x.current_ar_end, 0) * 100 as cei,
    x.cash as cash_collected,
    (coalesce(cc.amount, 0) + coalesce(ac.amount, 0)) / nullif(x.cash, 0) as cost_per_dollar
  from at_bounds as x
  left join collection_costs as cc using (period_start)
  left join activity_costs as ac using (period_start)
),

joined as (
  select p.period_start, p.period_end, p.period_sales, p.cei, p.cash_collected, p.cost_per_dollar, a.*
  from period_figures as p
  join as_of_figures as a on a.as_of = p.period_end
),

final as (
  select
    period_start,
    period_end,
    ar, past_due_share, dso, bpdso, add, countback_dso, cei, cash_collected, cost_per_dollar, period_sales,
    ar - lag(ar, 1) over by_period as ar_change_1,
    ar - lag(ar, 13) over by_period as ar_change_13,
    past_due_share - lag(past_due_share, 1) over by_period as past_due_share_change_1,
    past_due_share - lag(past_due_share, 13) over by_period as past_due_share_change_13,
    dso - lag(dso, 1) over by_period as dso_change_1,
    dso - lag(dso, 13) over by_period as dso_change_13,
    bpdso - lag(bpdso, 1) over by_period as bpdso_change_1,
    bpdso - lag(bpdso, 13) over by_period as bpdso_change_13,
    add - lag(add, 1) over by_period as add_change_1,
    add - lag(add, 13) over by_period as add_change_13,
    countback_dso - lag(countback_dso, 1) over by_period as countback_dso_change_1,
    countback_dso - lag(countback_dso, 13) over by_period as countback_dso_change_13,
    cei - lag(cei, 1) over by_period as cei_change_1,
    cei - lag(cei, 13) over by_period as cei_change_13,
    cash_collected - lag(cash_collected, 1) over by_period as cash_collected_change_1,
    cash_collected - lag(cash_collected, 13) over by_period as cash_collected_change_13,
    cost_per_dollar - lag(cost_per_dollar, 1) over by_period as cost_per_dollar_change_1,
    cost_per_dollar - lag(cost_per_dollar, 13) over by_period as cost_per_dollar_change_13
  from joined
  window by_period as (order by period_start)
)

select * from final order by period_start
