-- One row per invoice and stretch of days [valid_from, valid_until) over which its balance stays
-- the same, in the invoice's currency.
-- One window pass over the flows: the day-end balance is a running sum whose range frame takes in
-- the day's other flows (its peers), and the day's last flow starts the stretch.
-- refresh: per invoice_id
with

flows as (
  select invoice_id, customer_id, due_date, currency, effective_date, amount
  from invoice_flows
),

running as (
  select
    invoice_id,
    customer_id,
    due_date,
    currency,
    effective_date,
    lead(effective_date) over by_day as next_flow_on,
    sum(amount) over (by_day range between unbounded preceding and current row) as balance
  from flows
  window by_day as (partition by invoice_id order by effective_date)
),

final as (
  select
    invoice_id,
    customer_id,
    due_date,
    currency,
    effective_date as valid_from,
    -- the last stretch lasts for ever
    coalesce(next_flow_on, date '9999-12-31') as valid_until,
    -- money stays DECIMAL(18,2): 64-bit arithmetic, exact, room for 10^16
    balance::decimal(18, 2) as balance
  from running
  -- the day's last flow: the next one is on a later day, or there is none
  where next_flow_on is null or next_flow_on > effective_date
)

select * from final
