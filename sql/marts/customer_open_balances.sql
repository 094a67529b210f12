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

final as (
  select
    customer_id,
    sum(to_reporting(open_balance, currency, reporting_currency(reporting), as_of)) as open_balance,
    sum(to_reporting(past_due_balance, currency, reporting_currency(reporting), as_of)) as past_due_balance,
    sum(to_reporting(past_due_debt, currency, reporting_currency(reporting), as_of)) as past_due_debt
  from per_currency
  group by customer_id
)

select * from final
