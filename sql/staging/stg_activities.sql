-- One row per collection touch, loaded from a file or logged in the app.
select
  activity_id,
  customer_id,
  activity_date,
  channel,
  invoice_id,
  collector,
  outcome,
  promised_date,
  promised_amount,
  cost,
  nullif(upper(trim(currency)), '') as currency,
  note,
  logged_by,
  logged_at
from activities
