-- One row per credit note or write-off against one invoice.
select
  adjustment_id,
  invoice_id,
  adjustment_date,
  amount,
  kind,
  reason,
  load_id,
  source_file
from adjustments
