-- One row per customer with something open at an as-of date (an invoice or a credit whose balance
-- is not 0 at the end of that day): the open balance and the past-due balance, credits counted
-- against what the customer owes as they are in AR (metrics.md), and the past-due debt (the past-due
-- invoices alone, before credits), in the reporting currency: each currency's total converted at
-- the as-of date. The customer page's balances (customer_balances) and the worklist's.
create or replace macro customer_open_balances(as_of, reporting := null) as table
with

open_items as (
  select customer_id, currency, balance, as_of::date - due_date > 0 as past_due
  from balance_segments
  where valid_from <= as_of::date and as_of::date < valid_until and balance <> 0
),

per_currency as (
  select
    customer_id,
    currency,
    sum(balance) as open_balance,
    coalesce(sum(balance) filter (where past_due), 0) as past_due_balance,
    coalesce(sum(balance) filter (where past_due and balance > 0), 0) as past_due_debt
  from open_items
  group by customer_id, currency
),

-- each currency's rates at the as-of date, looked up once for all its customers
rate_keys as (
  select currency, as_of::date as day, reporting_currency(reporting) as report_currency
  from per_currency
),

rates as (
  from reporting_rates('rate_keys')
),

final as (
  select
    b.customer_id,
    sum(to_reporting_at(b.open_balance, b.currency, reporting_currency(reporting), as_of, r.currency_rate, r.report_rate)) as open_balance,
    sum(to_reporting_at(b.past_due_balance, b.currency, reporting_currency(reporting), as_of, r.currency_rate, r.report_rate)) as past_due_balance,
    sum(to_reporting_at(b.past_due_debt, b.currency, reporting_currency(reporting), as_of, r.currency_rate, r.report_rate)) as past_due_debt
  from per_currency as b
  left join rates as r using (currency)
  group by b.customer_id
)

select * from final
