-- One row per as-of date (the last day of each period of period_list): the figures of kpis
-- restricted to one collector's customers, their "book" (metrics.md "KPIs at an as-of date" over
-- those customers' invoices only). The portfolio's kpis read daily_positions; a book is a slice
-- of it, so its balances come from balance_segments and its sales from ledger_invoices. Money in
-- the reporting currency: each currency's totals converted at the as-of date (as in kpis).
create or replace macro book_kpis(collector_name, from_date, to_date, grain, window_days, reporting := null) as table
with

as_of_dates as (
  select period_end as as_of, window_days::integer as window_days, reporting_currency(reporting) as report_currency
  from period_list(from_date, to_date, grain)
),

book as (
  select customer_id
  from all_customers
  where collector = collector_name
),

segments as (
  select s.currency, s.due_date, s.valid_from, s.valid_until, s.balance
  from balance_segments as s
  semi join book using (customer_id)
),

book_invoices as (
  select i.currency, i.invoice_date, i.amount
  from ledger_invoices as i
  semi join book using (customer_id)
),

-- each currency's AR at the end of the as-of day; current AR is the part not yet past its due date
own_balances as (
  select
    a.as_of,
    s.currency,
    sum(s.balance) as ar,
    coalesce(sum(s.balance) filter (where s.due_date >= a.as_of), 0) as current_ar
  from as_of_dates as a
  join segments as s on s.valid_from <= a.as_of and s.valid_until > a.as_of
  group by a.as_of, s.currency
),

-- each currency's Sales(P), P = [D − n + 1, D]
own_sales as (
  select a.as_of, i.currency, sum(i.amount) as sales
  from as_of_dates as a
  join book_invoices as i on i.invoice_date between a.as_of - a.window_days + 1 and a.as_of
  group by a.as_of, i.currency
),

at_as_of as (
  select
    a.as_of,
    a.window_days,
    coalesce((select sum(to_reporting(b.ar, b.currency, a.report_currency, a.as_of)) from own_balances as b where b.as_of = a.as_of), 0) as ar,
    coalesce((select sum(to_reporting(b.current_ar, b.currency, a.report_currency, a.as_of)) from own_balances as b where b.as_of = a.as_of), 0) as current_ar,
    coalesce((select sum(to_reporting(s.sales, s.currency, a.report_currency, a.as_of)) from own_sales as s where s.as_of = a.as_of), 0) as sales
  from as_of_dates as a
),

-- countback: 30-day blocks B_k = [D − 30k − 29, D − 30k], k = 0 … 23 (as in kpis)
own_blocks as (
  select a.as_of, b.k, i.currency, sum(i.amount) as block_sales
  from as_of_dates as a
  cross join (select k::integer as k from range(24) as t(k)) as b
  join book_invoices as i on i.invoice_date between a.as_of - 30 * b.k - 29 and a.as_of - 30 * b.k
  group by a.as_of, b.k, i.currency
),

blocks as (
  select a.as_of, b.k, coalesce(sum(to_reporting(o.block_sales, o.currency, a.report_currency, a.as_of)), 0) as block_sales
  from as_of_dates as a
  cross join (select k::integer as k from range(24) as t(k)) as b
  left join own_blocks as o on o.as_of = a.as_of and o.k = b.k
  group by a.as_of, b.k
),

blocks_running as (
  select
    as_of,
    k,
    block_sales,
    sum(block_sales) over (partition by as_of order by k rows between unbounded preceding and current row) as sales_through_k
  from blocks
),

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
