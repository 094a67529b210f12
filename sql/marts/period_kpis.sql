-- One row per period of period_list: the period KPIs of metrics.md (CEI, cash, cost per dollar,
-- write-off ratio, dispute rate, days to resolve, promise-kept rate) in the reporting currency:
-- every money figure of a period, AR(a − 1) included, is each currency's total converted at the
-- rates of the period's last day b. Recovery rates are in recovery_by_bucket.
-- With book, the figures of one collector's customers only (their invoices, disputes, promises and
-- the costs of touches on them; collection costs of the costs file are tied to no customer, so a
-- book leaves them out); without it, the portfolio's.
create or replace macro period_kpis(from_date, to_date, grain, reporting := null, book := null) as table
with

periods as (
  from reporting_periods(from_date, to_date, grain, reporting)
),

book_customers as (
  select customer_id
  from all_customers
  where collector = book
),

-- the book's rows of daily_positions (every book's for the portfolio), summed per currency and day
positions as materialized (
  select
    currency,
    day,
    sum(ar) as ar,
    sum(current_ar) as current_ar,
    sum(sales_to_date) as sales_to_date,
    sum(cash_to_date) as cash_to_date,
    sum(write_offs_to_date) as write_offs_to_date,
    sum(invoices_to_date) as invoices_to_date,
    sum(disputes_opened_to_date) as disputes_opened_to_date
  from daily_positions
  where book is null or collector = book
  group by currency, day
),

currencies as (
  select distinct currency from positions
),

-- each currency's figures of each period, in that currency
own_bounds as (
  select
    p.period_start,
    p.period_end,
    p.report_currency,
    c.currency,
    coalesce(b.ar, 0) as ar_before,
    coalesce(e.ar, 0) as ar_end,
    coalesce(e.current_ar, 0) as current_ar_end,
    coalesce(e.sales_to_date, 0) - coalesce(b.sales_to_date, 0) as sales,
    coalesce(e.cash_to_date, 0) - coalesce(b.cash_to_date, 0) as cash,
    coalesce(e.write_offs_to_date, 0) - coalesce(b.write_offs_to_date, 0) as write_offs,
    coalesce(e.invoices_to_date, 0) - coalesce(b.invoices_to_date, 0) as invoices,
    coalesce(e.disputes_opened_to_date, 0) - coalesce(b.disputes_opened_to_date, 0) as disputes_opened
  from periods as p
  cross join currencies as c
  left join positions as b on b.currency = c.currency and b.day = position_day(p.period_start - 1)
  left join positions as e on e.currency = c.currency and e.day = position_day(p.period_end)
),

-- the rates of each currency at each period's last day, looked up once for all its figures
bound_rate_keys as (
  select currency, period_end as day, report_currency
  from own_bounds
),

bound_rates as (
  from reporting_rates('bound_rate_keys')
),

at_bounds as (
  select
    p.period_start,
    p.period_end,
    coalesce(sum(to_reporting_at(o.ar_before, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)), 0) as ar_before,
    coalesce(sum(to_reporting_at(o.ar_end, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)), 0) as ar_end,
    coalesce(sum(to_reporting_at(o.current_ar_end, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)), 0)
      as current_ar_end,
    coalesce(sum(to_reporting_at(o.sales, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)), 0) as sales,
    coalesce(sum(to_reporting_at(o.cash, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)), 0) as cash,
    coalesce(sum(to_reporting_at(o.write_offs, o.currency, p.report_currency, p.period_end, r.currency_rate, r.report_rate)), 0)
      as write_offs,
    coalesce(sum(o.invoices), 0) as invoices,
    coalesce(sum(o.disputes_opened), 0) as disputes_opened
  from periods as p
  left join own_bounds as o using (period_start)
  left join bound_rates as r on r.currency = o.currency and r.day = o.period_end
  group by p.period_start, p.period_end
),

-- every period lies within [from − 31, to + 31]: dated rows are summed per day first, so the
-- join to the periods is over days, not over every activity
costs_per_day as (
  select coalesce(currency, (select currency from home_currency)) as currency, cost_date as day, sum(amount) as amount
  from stg_costs
  where book is null and cost_date between from_date::date - 31 and to_date::date + 31
  group by all
  union all
  select currency, day, cost
  from activity_costs_per_day
  where book is null and day between from_date::date - 31 and to_date::date + 31
  union all
  -- a book's touches, in the activity's own currency, else the home currency (as activity_costs_per_day)
  select coalesce(a.currency, (select currency from home_currency)), a.activity_date, sum(a.cost)
  from stg_activities as a
  semi join book_customers as b using (customer_id)
  where book is not null and a.cost is not null and a.activity_date between from_date::date - 31 and to_date::date + 31
  group by all
),

own_costs as (
  select p.period_start, p.period_end, p.report_currency, c.currency, sum(c.amount) as amount
  from periods as p
  join costs_per_day as c on c.day between p.period_start and p.period_end
  group by all
),

collection_costs as (
  select period_start, sum(to_reporting(amount, currency, report_currency, period_end)) as amount
  from own_costs
  group by period_start
),

resolutions as (
  select p.period_start, median(d.days_to_resolve) as days_to_resolve
  from periods as p
  join dispute_resolutions as d on d.resolved_on between p.period_start and p.period_end
  where d.resolved_on between from_date::date - 31 and to_date::date + 31
    and (book is null or d.invoice_id in (select invoice_id from ledger_invoices semi join book_customers using (customer_id)))
  group by p.period_start
),

-- counted per promised day first, as the costs are, so the join to the periods is over days
promises_per_day as (
  select promised_date as day, count(*) as promises, count(*) filter (where kept) as kept
  from promise_outcomes
  where promised_date between from_date::date - 31 and to_date::date + 31
    and (book is null or customer_id in (select customer_id from book_customers))
  group by promised_date
),

promises as (
  select p.period_start, sum(d.promises) as promises, sum(d.kept) as kept
  from periods as p
  join promises_per_day as d on d.day between p.period_start and p.period_end
  group by p.period_start
),

final as (
  select
    x.period_start,
    x.period_end,
    x.ar_before,
    x.ar_end,
    x.sales,
    (x.ar_before + x.sales - x.ar_end) / nullif(x.ar_before + x.sales - x.current_ar_end, 0) * 100 as cei,
    x.cash as cash_collected,
    coalesce(cc.amount, 0) / nullif(x.cash, 0) as cost_per_dollar,
    x.write_offs / nullif(x.sales, 0) as write_off_ratio,
    x.disputes_opened / nullif(x.invoices, 0) as dispute_rate,
    r.days_to_resolve,
    pr.kept / nullif(pr.promises, 0) as promise_kept_rate
  from at_bounds as x
  left join collection_costs as cc using (period_start)
  left join resolutions as r using (period_start)
  left join promises as pr using (period_start)
)

select * from final order by period_start
