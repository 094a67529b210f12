-- One row per invoice with the facts every model shares, each defined here once:
-- its currency (its own, else its customer's, else the home currency: metrics.md "Currencies")
-- and the day from which it is in dispute (disputed_from; in_dispute_at() tells a date's state).
-- A Yes/No `disputed` flag without dates counts from the invoice date until a resolution date,
-- so the worklist, the open invoices and the drift score see the same disputes.
-- refresh: per invoice_id
with

invoices as (
  select invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, disputed_on, dispute_resolved_on
  from stg_invoices
),

customers as (
  select customer_id, currency
  from all_customers
),

final as (
  select
    i.invoice_id,
    i.customer_id,
    i.invoice_date,
    i.due_date,
    i.amount,
    coalesce(i.currency, c.currency, h.currency) as currency,
    i.disputed,
    i.disputed_on,
    case when i.disputed_on is not null then i.disputed_on when i.disputed then i.invoice_date end as disputed_from,
    i.dispute_resolved_on
  from invoices as i
  left join customers as c using (customer_id)
  cross join home_currency as h
)

select * from final
