-- One row per invoice or debit note as loaded.
select
  invoice_id,
  customer_id,
  invoice_date,
  due_date,
  amount,
  currency,
  po_number,
  disputed_on,
  dispute_resolved_on,
  coalesce(disputed, disputed_on is not null) as disputed,
  load_id,
  source_file,
  source_row
from invoices
