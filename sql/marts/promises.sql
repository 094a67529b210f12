-- One row per promise to pay made by an as-of date and promised no earlier than window_days before
-- it, with its status at the as-of date from core/promise_outcomes (one definition, one grace):
-- kept once its payments reach the amount (kept_on ≤ as_of); broken once the grace has passed
-- without that; overdue while the promised date has passed but the grace has not; due this week
-- when promised in the 7 days from as_of; later beyond that. The promised amount is in the
-- activity's currency, else the home currency (metrics.md "Currencies").
create or replace macro promises(as_of, window_days) as table
with

outcomes as (
  select activity_id, customer_id, invoice_id, activity_date, promised_date, grace_until, promised_amount, paid_amount, kept_on
  from promise_outcomes
  where activity_date <= as_of::date
    and promised_date >= as_of::date - window_days::integer
),

activities as (
  select activity_id, channel, collector as logged_collector, outcome, logged_by,
    coalesce(currency, (select currency from home_currency)) as currency
  from stg_activities
),

customers as (
  select customer_id, name, collector
  from all_customers
),

invoices_named as (
  select activity_id, list(invoice_id order by invoice_id) as invoice_ids
  from promise_invoice_links
  group by activity_id
),

final as (
  select
    o.activity_id,
    o.customer_id,
    c.name,
    c.collector,
    o.activity_date,
    a.channel,
    coalesce(a.logged_by, a.logged_collector) as made_with,
    o.promised_date,
    o.grace_until,
    o.promised_amount,
    a.currency,
    coalesce(n.invoice_ids, []::varchar[]) as invoice_ids,
    case
      when o.kept_on <= as_of::date then 'kept'
      when o.grace_until < as_of::date then 'broken'
      when o.promised_date < as_of::date then 'overdue'
      when o.promised_date <= as_of::date + 6 then 'due this week'
      else 'later'
    end as status,
    case when o.kept_on <= as_of::date then o.kept_on end as kept_on,
    -- what the window brought is final once the grace is over; before that it could hold later payments
    case when o.grace_until < as_of::date then o.paid_amount end as paid_amount
  from outcomes as o
  left join activities as a using (activity_id)
  left join customers as c using (customer_id)
  left join invoices_named as n using (activity_id)
)

select * from final
