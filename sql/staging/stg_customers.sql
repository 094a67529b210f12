-- One row per customer account as loaded.
select
  customer_id,
  name,
  segment,
  country,
  nullif(upper(trim(currency)), '') as currency,
  credit_limit,
  terms_days,
  collector
from customers
