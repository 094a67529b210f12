-- One row per payment applied to one invoice.
select
  payment_id,
  invoice_id,
  customer_id,
  payment_date,
  amount,
  method,
  load_id,
  source_file
from payments
