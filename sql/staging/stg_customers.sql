-- One row per customer account as loaded.
select
  customer_id,
  name,
  segment,
  country,
  currency,
  credit_limit,
  terms_days,
  collector
from customers
