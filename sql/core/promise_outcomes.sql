-- One row per promise to pay: the payments of its invoices (or, without one, of the customer) dated
-- in [activity_date, promised_date + grace], and the day they reach the promised amount (kept_on;
-- null while or once broken). metrics.md "Promise-kept rate" has a grace of 3 days: the setting
-- promise_grace_days of sql/seeds/worklist_settings.csv, which the worklist reads through this
-- model too (a promise is kept at a date D when kept_on ≤ D, broken when not kept by grace_until < D).
-- Rebuilt with the models after a load, and on its own when a promise is logged in the app
-- (server/risk/activities.ts), so the rate counts it at once.
-- refresh: per activity_id
with

grace as (
  select value::integer as days
  from worklist_settings
  where setting = 'promise_grace_days'
),

promises as (
  select
    activity_id,
    customer_id,
    invoice_id,
    activity_date,
    promised_date,
    promised_date + (select days from grace) as grace_until,
    promised_amount
  from stg_activities
  where promised_date is not null
),

-- invoice_flows already carries each payment's customer: no join to invoices needed
payments as (
  select invoice_id, customer_id, flow_date as payment_date, -amount as amount
  from invoice_flows
  where kind = 'payment'
),

-- two equi-joins rather than one join on a condition, so DuckDB can hash them
-- a promise that names invoices (one or several: core/promise_invoice_links) is kept by their payments
paid_in_window as (
  select pr.activity_id, pa.payment_date, pa.amount
  from promises as pr
  join promise_invoice_links as l using (activity_id)
  join payments as pa
    on pa.invoice_id = l.invoice_id
    and pa.payment_date between pr.activity_date and pr.grace_until
  where pr.invoice_id is not null
  union all
  select pr.activity_id, pa.payment_date, pa.amount
  from promises as pr
  join payments as pa
    on pa.customer_id = pr.customer_id
    and pa.payment_date between pr.activity_date and pr.grace_until
  where pr.invoice_id is null
),

-- what was paid by the end of each payment day (a day's payments are peers of the range frame)
paid_to_date as (
  select
    activity_id,
    payment_date,
    sum(amount) over (partition by activity_id order by payment_date range between unbounded preceding and current row) as paid_to_date
  from paid_in_window
),

per_promise as (
  select
    d.activity_id,
    max(d.paid_to_date) as paid_amount,
    -- a promise without an amount is kept by any payment in the window
    min(d.payment_date) filter (where d.paid_to_date >= coalesce(pr.promised_amount, 0.01)) as kept_on
  from paid_to_date as d
  join promises as pr using (activity_id)
  group by d.activity_id
),

final as (
  select
    pr.activity_id,
    pr.customer_id,
    pr.invoice_id,
    pr.activity_date,
    pr.promised_date,
    pr.grace_until,
    pr.promised_amount,
    coalesce(p.paid_amount, 0) as paid_amount,
    -- a promise of nothing (0) is kept when made
    case when pr.promised_amount <= 0 then pr.activity_date else p.kept_on end as kept_on,
    coalesce(pr.promised_amount <= 0, false) or p.kept_on is not null as kept
  from promises as pr
  left join per_promise as p using (activity_id)
)

select * from final
