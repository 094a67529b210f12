-- One row: one customer's own figures at an as-of date with a window of n days, on the
-- formulas of metrics.md restricted to the customer's invoices (AR, current AR, sales, DSO,
-- BPDSO, ADD, past-due share) and its amount-weighted days late over the window. Money in the
-- reporting currency: each currency's total converted at the as-of date's rates.
create or replace macro customer_kpis(customer, as_of, window_days, reporting := null) as table
with

open_items as (
  select currency, balance, days_past_due
  from open_invoices(as_of)
  where customer_id = customer
),

own_balances as (
  select
    currency,
    sum(balance) as ar,
    coalesce(sum(balance) filter (where days_past_due <= 0), 0) as current_ar
  from open_items
  group by currency
),

balances as (
  select
    coalesce(sum(to_reporting(ar, currency, reporting_currency(reporting), as_of)), 0) as ar,
    coalesce(sum(to_reporting(current_ar, currency, reporting_currency(reporting), as_of)), 0) as current_ar
  from own_balances
),

own_sales as (
  select currency, sum(amount) as sales
  from ledger_invoices
  where customer_id = customer
    and invoice_date between as_of::date - window_days::integer + 1 and as_of::date
  group by currency
),

sales as (
  select coalesce(sum(to_reporting(sales, currency, reporting_currency(reporting), as_of)), 0) as sales
  from own_sales
),

paid_in_window as (
  select
    sum(days_late * amount) / nullif(sum(amount), 0) as weighted_days_late,
    count(*) as settled_invoices
  from invoice_settlements
  where customer_id = customer
    and settled_on between as_of::date - window_days::integer + 1 and as_of::date
),

final as (
  select
    as_of::date as as_of,
    window_days::integer as window_days,
    b.ar,
    b.current_ar,
    b.ar - b.current_ar as past_due_ar,
    s.sales,
    days_of_sales(b.ar, s.sales, window_days) as dso,
    days_of_sales(b.current_ar, s.sales, window_days) as bpdso,
    days_of_sales(b.ar - b.current_ar, s.sales, window_days) as add,
    (b.ar - b.current_ar) / nullif(b.ar, 0) as past_due_share,
    p.weighted_days_late,
    p.settled_invoices
  from balances as b
  cross join sales as s
  cross join paid_in_window as p
)

select * from final
