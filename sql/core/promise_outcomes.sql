-- One row per promise to pay: whether the invoice's (or, without one, the customer's) payments
-- dated in [activity_date, promised_date + 3] reach the promised amount (metrics.md
-- "Promise-kept rate"). Rebuilt with the models after a load, and on its own when a promise is
-- logged in the app (server/risk/activities.ts), so the rate counts it at once.
with

promises as (
  select activity_id, customer_id, invoice_id, activity_date, promised_date, promised_amount
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
paid_on_invoice as (
  select pr.activity_id, sum(pa.amount) as paid_amount
  from promises as pr
  join payments as pa
    on pa.invoice_id = pr.invoice_id
    and pa.payment_date between pr.activity_date and pr.promised_date + 3
  where pr.invoice_id is not null
  group by pr.activity_id
),

paid_by_customer as (
  select pr.activity_id, sum(pa.amount) as paid_amount
  from promises as pr
  join payments as pa
    on pa.customer_id = pr.customer_id
    and pa.payment_date between pr.activity_date and pr.promised_date + 3
  where pr.invoice_id is null
  group by pr.activity_id
),

final as (
  select
    pr.activity_id,
    pr.customer_id,
    pr.invoice_id,
    pr.activity_date,
    pr.promised_date,
    pr.promised_amount,
    coalesce(i.paid_amount, c.paid_amount, 0) as paid_amount,
    -- a promise without an amount is kept by any payment in the window
    case
      when pr.promised_amount is null then coalesce(i.paid_amount, c.paid_amount, 0) > 0
      else coalesce(i.paid_amount, c.paid_amount, 0) >= pr.promised_amount
    end as kept
  from promises as pr
  left join paid_on_invoice as i using (activity_id)
  left join paid_by_customer as c using (activity_id)
)

select * from final
