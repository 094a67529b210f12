-- The obvious way, for the benchmark's baseline and as an independent check of the models:
-- every balance at $1 from a scan of all invoices, payments and adjustments.
with

settlements as (
  select invoice_id, payment_date as flow_date, amount from payments
  union all
  select invoice_id, adjustment_date, amount from adjustments
),

balances as (
  select
    i.invoice_id,
    i.due_date,
    i.amount - coalesce(sum(s.amount) filter (where s.flow_date <= $1::date), 0) as balance
  from invoices as i
  left join settlements as s using (invoice_id)
  where i.invoice_date <= $1::date
  group by i.invoice_id, i.due_date, i.amount
),

totals as (
  select
    coalesce(sum(balance), 0) as ar,
    coalesce(sum(balance) filter (where due_date >= $1::date), 0) as current_ar,
    (select coalesce(sum(amount), 0) from invoices where invoice_date between $1::date - ($2::integer - 1) and $1::date) as sales
  from balances
)

select
  round(ar, 2)::double as ar,
  round(current_ar, 2)::double as current_ar,
  round(sales, 2)::double as sales,
  ar / nullif(sales, 0) * $2::integer as dso
from totals
