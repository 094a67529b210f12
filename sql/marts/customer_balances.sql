-- One row per customer (every customer of all_customers) at an as-of date: open and past-due
-- balance in the reporting currency (each currency's total converted at the as-of date), the
-- oldest days past due, open invoices and the last collection touch.
create or replace macro customer_balances(as_of, reporting := null) as table
with

customers as (
  select customer_id, name, segment, collector, currency, credit_limit, terms_days
  from all_customers
),

open_items as (
  select customer_id, days_past_due, in_dispute
  from open_invoices(as_of)
),

converted as (
  select customer_id, open_balance, past_due_balance
  from customer_open_balances(as_of, reporting)
),

per_customer as (
  select
    customer_id,
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
    coalesce(x.open_balance, 0) as open_balance,
    coalesce(x.past_due_balance, 0) as past_due_balance,
    coalesce(p.oldest_days_past_due, 0) as oldest_days_past_due,
    coalesce(p.open_invoices, 0) as open_invoices,
    coalesce(p.disputed_invoices, 0) as disputed_invoices,
    t.last_activity_date,
    t.last_activity_channel
  from customers as c
  left join converted as x using (customer_id)
  left join per_customer as p using (customer_id)
  left join last_touch as t using (customer_id)
)

select * from final
