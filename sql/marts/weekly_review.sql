-- One row per period (week or month) of period_list: the as-of KPIs at its last day and the
-- period KPIs the weekly review shows (CEI, cash collected, cost per dollar, sales), each with its
-- change against the previous period and against 13 periods before. Changes are in the figure's
-- own unit (days, money, share); money in the reporting currency at each period's last day.
-- CEI, cash and cost per dollar are period_kpis' own (metrics.md "KPIs of a period"). With book,
-- one collector's customers only (kpis and period_kpis of that book).
create or replace macro weekly_review(from_date, to_date, grain, window_days, reporting := null, book := null) as table
with

as_of_figures as (
  select as_of, ar, current_ar, past_due_ar, sales, dso, bpdso, add, countback_dso, past_due_share
  from kpis(from_date, to_date, grain, window_days, reporting := reporting, book := book)
),

period_figures as (
  select period_start, period_end, sales as period_sales, cei, cash_collected, cost_per_dollar
  from period_kpis(from_date, to_date, grain, reporting := reporting, book := book)
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
