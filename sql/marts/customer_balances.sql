-- One row per customer at an as-of date: open and past-due balance, the oldest days past due,
-- open invoices and the last collection touch. The worklist ranks these until drift scores exist.
create or replace macro customer_balances(as_of) as table
with

customers as (
  select customer_id, name, segment, collector, currency, credit_limit, terms_days
  from stg_customers
),

open_items as (
  select customer_id, balance, days_past_due, in_dispute
  from open_invoices(as_of)
),

per_customer as (
  select
    customer_id,
    sum(balance) as open_balance,
    coalesce(sum(balance) filter (where days_past_due > 0), 0) as past_due_balance,
    greatest(max(days_past_due), 0) as oldest_days_past_due,
    count(*) as open_invoices,
    count(*) filter (where in_dispute) as disputed_invoices
  from open_items
  group by customer_id
),

last_touch as (
  select customer_id, max(activity_date) as last_activity_date, arg_max(channel, activity_date) as last_activity_channel
  from stg_activities
  where activity_date <= as_of::date
  group by customer_id
),

final as (
  select
    c.customer_id,
    c.name,
    c.segment,
    c.collector,
    c.currency,
    c.credit_limit,
    c.terms_days,
    coalesce(p.open_balance, 0) as open_balance,
    coalesce(p.past_due_balance, 0) as past_due_balance,
    coalesce(p.oldest_days_past_due, 0) as oldest_days_past_due,
    coalesce(p.open_invoices, 0) as open_invoices,
    coalesce(p.disputed_invoices, 0) as disputed_invoices,
    t.last_activity_date,
    t.last_activity_channel
  from customers as c
  left join per_customer as p using (customer_id)
  left join last_touch as t using (customer_id)
)

select * from final
