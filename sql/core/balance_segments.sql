-- One row per invoice and stretch of days [valid_from, valid_until) over which its balance stays
-- the same, in the invoice's currency.
with

flows as (
  select invoice_id, customer_id, due_date, currency, effective_date, amount
  from invoice_flows
),

changes_per_day as (
  select invoice_id, customer_id, due_date, currency, effective_date, sum(amount)::decimal(18, 2) as change
  from flows
  group by invoice_id, customer_id, due_date, currency, effective_date
),

final as (
  select
    invoice_id,
    customer_id,
    due_date,
    currency,
    effective_date as valid_from,
    -- the last stretch lasts for ever
    coalesce(lead(effective_date) over by_day, date '9999-12-31') as valid_until,
    -- money stays DECIMAL(18,2): 64-bit arithmetic, exact, room for 10^16
    (sum(change) over (by_day rows between unbounded preceding and current row))::decimal(18, 2) as balance
  from changes_per_day
  window by_day as (partition by invoice_id order by effective_date)
)

select * from final
