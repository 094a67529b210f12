-- One row per as-of date (the last day of each period of period_list): AR, current AR, sales of
-- the window and the DSO family of metrics.md "KPIs at an as-of date", in the reporting currency:
-- each currency's totals converted at the rates of the as-of date (to_reporting), then added.
-- With by_currency, one more row per as-of date and currency of the ledger: that currency's own
-- figures, unconverted (is_total false). With book, the figures of one collector's customers only
-- (their book: the same formulas over their invoices); without it, the portfolio's.
create or replace macro kpis(from_date, to_date, grain, window_days, reporting := null, by_currency := false, book := null) as table
with

as_of_dates as (
  select period_end as as_of, window_days::integer as window_days, reporting_currency(reporting) as report_currency
  from period_list(from_date, to_date, grain)
),

-- the book's rows of daily_positions (every book's for the portfolio), summed per currency and day
positions as materialized (
  select currency, day, sum(ar) as ar, sum(current_ar) as current_ar, sum(sales_to_date) as sales_to_date
  from daily_positions
  where book is null or collector = book
  group by currency, day
),

currencies as (
  select distinct currency
  from positions
),

-- each currency's AR(D), CurrentAR(D) and Sales(P), P = [D − n + 1, D]
own_figures as (
  select
    a.as_of,
    a.window_days,
    a.report_currency,
    c.currency,
    coalesce(d.ar, 0) as ar,
    coalesce(d.current_ar, 0) as current_ar,
    coalesce(d.sales_to_date, 0) - coalesce(w.sales_to_date, 0) as sales
  from as_of_dates as a
  cross join currencies as c
  left join positions as d on d.currency = c.currency and d.day = position_day(a.as_of)
  left join positions as w on w.currency = c.currency and w.day = position_day(a.as_of - a.window_days)
),

-- each currency's sales of the countback's 30-day blocks B_k = [D − 30k − 29, D − 30k], k = 0 … 23
own_blocks as (
  select
    a.as_of,
    a.report_currency,
    c.currency,
    b.k,
    coalesce(e.sales_to_date, 0) - coalesce(s.sales_to_date, 0) as block_sales
  from as_of_dates as a
  cross join currencies as c
  cross join (select k::integer as k from range(24) as t(k)) as b
  left join positions as e on e.currency = c.currency and e.day = position_day(a.as_of - 30 * b.k)
  left join positions as s on s.currency = c.currency and s.day = position_day(a.as_of - 30 * b.k - 30)
),

-- the report's totals: one date's rates (the as-of date's) for every figure, looked up once per
-- currency and date
rate_keys as (
  select currency, as_of as day, report_currency
  from own_figures
),

rates as (
  from reporting_rates('rate_keys')
),

converted as (
  select
    o.as_of,
    sum(to_reporting_at(o.ar, o.currency, o.report_currency, o.as_of, r.currency_rate, r.report_rate)) as ar,
    sum(to_reporting_at(o.current_ar, o.currency, o.report_currency, o.as_of, r.currency_rate, r.report_rate)) as current_ar,
    sum(to_reporting_at(o.sales, o.currency, o.report_currency, o.as_of, r.currency_rate, r.report_rate)) as sales
  from own_figures as o
  left join rates as r on r.currency = o.currency and r.day = o.as_of
  group by o.as_of
),

converted_blocks as (
  select b.as_of, b.k, sum(to_reporting_at(b.block_sales, b.currency, b.report_currency, b.as_of, r.currency_rate, r.report_rate)) as block_sales
  from own_blocks as b
  left join rates as r on r.currency = b.currency and r.day = b.as_of
  group by b.as_of, b.k
),

-- (as_of, currency) units the formulas below run on: the report's total, and each currency's own
at_as_of as (
  select a.as_of, a.window_days, a.report_currency as currency, true as is_total,
    coalesce(x.ar, 0) as ar, coalesce(x.current_ar, 0) as current_ar, coalesce(x.sales, 0) as sales
  from as_of_dates as a
  left join converted as x using (as_of)
  union all
  select as_of, window_days, currency, false, ar::decimal(38, 8), current_ar::decimal(38, 8), sales::decimal(38, 8)
  from own_figures
  where by_currency
),

blocks as (
  select b.as_of, a.report_currency as currency, true as is_total, b.k, b.block_sales
  from converted_blocks as b
  join as_of_dates as a using (as_of)
  union all
  select as_of, currency, false, k, block_sales::decimal(38, 8)
  from own_blocks
  where by_currency
),

blocks_running as (
  select
    as_of,
    currency,
    is_total,
    k,
    block_sales,
    sum(block_sales) over (partition by as_of, currency, is_total order by k rows between unbounded preceding and current row) as sales_through_k
  from blocks
),

-- the block where the AR left after the newer blocks fits: r_k = AR − Σ_{j<k} s_j ≤ s_k.
-- No such block within 24 means the AR is older than two years of sales: null.
stop_block as (
  select r.as_of, r.currency, r.is_total, min(r.k) as k
  from blocks_running as r
  join at_as_of as x using (as_of, currency, is_total)
  where x.ar <= r.sales_through_k
  group by r.as_of, r.currency, r.is_total
),

countback as (
  select
    r.as_of,
    r.currency,
    r.is_total,
    30 * r.k + 30 * (x.ar - (r.sales_through_k - r.block_sales)) / nullif(r.block_sales, 0) as countback_dso
  from stop_block as s
  join blocks_running as r on r.as_of = s.as_of and r.currency = s.currency and r.is_total = s.is_total and r.k = s.k
  join at_as_of as x on x.as_of = s.as_of and x.currency = s.currency and x.is_total = s.is_total
),

final as (
  select
    x.as_of,
    x.window_days,
    x.currency,
    x.is_total,
    x.ar,
    x.current_ar,
    x.ar - x.current_ar as past_due_ar,
    x.sales,
    days_of_sales(x.ar, x.sales, x.window_days) as dso,
    days_of_sales(x.current_ar, x.sales, x.window_days) as bpdso,
    days_of_sales(x.ar - x.current_ar, x.sales, x.window_days) as add,
    c.countback_dso,
    (x.ar - x.current_ar) / nullif(x.ar, 0) as past_due_share
  from at_as_of as x
  left join countback as c using (as_of, currency, is_total)
)

select * from final order by as_of, not is_total, currency
