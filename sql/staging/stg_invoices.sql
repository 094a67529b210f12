-- One row per invoice or debit note as loaded.
select
  invoice_id,
  customer_id,
  invoice_date,
  due_date,
  amount,
  -- ISO codes compare upper case; an empty cell is no currency
  nullif(upper(trim(currency)), '') as currency,
  po_number,
  disputed_on,
  dispute_resolved_on,
  coalesce(disputed, disputed_on is not null) as disputed,
  -- compared lower-case; an empty cell is no channel
  nullif(lower(trim(delivery_channel)), '') as delivery_channel,
  load_id,
  source_file,
  source_row
from invoices
