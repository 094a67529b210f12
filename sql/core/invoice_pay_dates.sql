-- One row per invoice: the dates that describe how it was paid — first payment, the day it was
-- paid (payments and credit notes reach all but 2 % of the amount) and the first write-off.
-- The drift and worklist marts compare these dates with an as-of date, so every fact here is
-- a fixed day in the past of the ledger and never depends on what happened after it.
with

invoices as (
  select invoice_id, customer_id, invoice_date, due_date, amount, disputed, disputed_on, dispute_resolved_on
  from stg_invoices
),

flows as (
  select invoice_id, kind, effective_date, -amount as amount
  from invoice_flows
  where kind <> 'invoice'
),

-- a small rest left after the customer paid (bank charges, a short-paid line) is written off
-- weeks later; that delay is the seller's, not the customer's, so write-offs do not settle here
paying_flows_per_day as (
  select invoice_id, effective_date, sum(amount) as amount
  from flows
  where kind <> 'write_off'
  group by invoice_id, effective_date
),

paying_running as (
  select
    invoice_id,
    effective_date,
    sum(amount) over (partition by invoice_id order by effective_date rows between unbounded preceding and current row) as paid_to_date
  from paying_flows_per_day
),

paid_days as (
  select r.invoice_id, min(r.effective_date) as paid_on
  from paying_running as r
  join invoices as i using (invoice_id)
  where r.paid_to_date >= i.amount * 0.98
  group by r.invoice_id
),

first_flows as (
  select
    invoice_id,
    min(effective_date) filter (where kind = 'payment') as first_payment_on,
    min(effective_date) filter (where kind = 'write_off') as written_off_on
  from flows
  group by invoice_id
),

final as (
  select
    i.invoice_id,
    i.customer_id,
    i.invoice_date,
    i.due_date,
    i.amount,
    -- a Yes/No dispute flag without a date counts from the invoice date
    case when i.disputed_on is not null then i.disputed_on when i.disputed then i.invoice_date end as disputed_on,
    i.dispute_resolved_on,
    f.first_payment_on,
    p.paid_on,
    f.written_off_on
  from invoices as i
  left join first_flows as f using (invoice_id)
  left join paid_days as p using (invoice_id)
)

select * from final
