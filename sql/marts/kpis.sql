-- One row per as-of date (the last day of each period of period_list): AR, current AR,
-- sales of the window and the DSO family of metrics.md "KPIs at an as-of date".
create or replace macro kpis(from_date, to_date, grain, window_days) as table
with

as_of_dates as (
  select period_end as as_of, window_days::integer as window_days
  from period_list(from_date, to_date, grain)
),

positions as (
  select day, ar, current_ar, sales_to_date
  from daily_positions
),

at_as_of as (
  select
    a.as_of,
    a.window_days,
    coalesce(d.ar, 0) as ar,
    coalesce(d.current_ar, 0) as current_ar,
    -- Sales(P), P = [D − n + 1, D]
    coalesce(d.sales_to_date, 0) - coalesce(w.sales_to_date, 0) as sales
  from as_of_dates as a
  left join positions as d on d.day = position_day(a.as_of)
  left join positions as w on w.day = position_day(a.as_of - a.window_days)
),

-- countback: 30-day blocks B_k = [D − 30k − 29, D − 30k], k = 0 … 23
blocks as (
  select
    a.as_of,
    b.k,
    coalesce(e.sales_to_date, 0) - coalesce(s.sales_to_date, 0) as block_sales
  from as_of_dates as a
  cross join (select k::integer as k from range(24) as t(k)) as b
  left join positions as e on e.day = position_day(a.as_of - 30 * b.k)
  left join positions as s on s.day = position_day(a.as_of - 30 * b.k - 30)
),

blocks_running as (
  select
    as_of,
    k,
    block_sales,
    sum(block_sales) over (partition by as_of order by k rows between unbounded preceding and current row) as sales_through_k
  from blocks
),

-- the block where the AR left after the newer blocks fits: r_k = AR − Σ_{j<k} s_j ≤ s_k.
-- No such block within 24 means the AR is older than two years of sales: null.
stop_block as (
  select r.as_of, min(r.k) as k
  from blocks_running as r
  join at_as_of as x using (as_of)
  where x.ar <= r.sales_through_k
  group by r.as_of
),

countback as (
  select
    r.as_of,
    30 * r.k + 30 * (x.ar - (r.sales_through_k - r.block_sales)) / nullif(r.block_sales, 0) as countback_dso
  from stop_block as s
  join blocks_running as r on r.as_of = s.as_of and r.k = s.k
  join at_as_of as x on x.as_of = s.as_of
),

final as (
  select
    x.as_of,
    x.window_days,
    x.ar,
    x.current_ar,
    x.ar - x.current_ar as past_due_ar,
    x.sales,
    x.ar / nullif(x.sales, 0) * x.window_days as dso,
    x.current_ar / nullif(x.sales, 0) * x.window_days as bpdso,
    (x.ar - x.current_ar) / nullif(x.sales, 0) * x.window_days as add,
    c.countback_dso,
    (x.ar - x.current_ar) / nullif(x.ar, 0) as past_due_share
  from at_as_of as x
  left join countback as c using (as_of)
)

select * from final order by as_of
