-- One row per invoice: its amount and currency, the day it was settled (metrics.md: the first day
-- its balance reaches ≤ 0), days to pay and days late. A view of core/invoice_pay_dates, which
-- computes the settled date in the same pass over the invoice's money.
-- materialize: view
with

invoices as (
  select invoice_id, customer_id, invoice_date, due_date, amount, currency, settled_on
  from invoice_pay_dates
),

final as (
  select
    invoice_id,
    customer_id,
    invoice_date,
    due_date,
    amount,
    currency,
    settled_on,
    settled_on - invoice_date as days_to_pay,
    settled_on - due_date as days_late
  from invoices
)

select * from final
