-- The obvious way, for the benchmark's baseline and as an independent check of the models:
-- every balance at $1 from a scan of all invoices, payments and adjustments, per currency (an
-- invoice's own, else its customer's, else the home currency: metrics.md "Currencies"), to compare
-- with the kpis report's by_currency.
with

customer_currencies as (
  select customer_id, any_value(nullif(upper(trim(currency)), '')) as currency
  from customers
  group by customer_id
),

invoice_currencies as (
  select i.invoice_id, coalesce(nullif(upper(trim(i.currency)), ''), c.currency, (select currency from home_currency)) as currency
  from invoices as i
  left join customer_currencies as c using (customer_id)
),

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

sales as (
  select c.currency, sum(i.amount) as sales
  from invoices as i
  join invoice_currencies as c using (invoice_id)
  where i.invoice_date between $1::date - ($2::integer - 1) and $1::date
  group by c.currency
),

positions as (
  select
    c.currency,
    sum(b.balance) as ar,
    coalesce(sum(b.balance) filter (where b.due_date >= $1::date), 0) as current_ar
  from balances as b
  join invoice_currencies as c using (invoice_id)
  group by c.currency
),

totals as (
  select currency, coalesce(p.ar, 0) as ar, coalesce(p.current_ar, 0) as current_ar, coalesce(s.sales, 0) as sales
  from positions as p
  full join sales as s using (currency)
)

select
  currency,
  round(ar, 2)::double as ar,
  round(current_ar, 2)::double as current_ar,
  round(sales, 2)::double as sales,
  ar / nullif(sales, 0) * $2::integer as dso
from totals
order by currency
