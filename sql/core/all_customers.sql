-- One row per customer: every account of the customers file and every customer id the invoices
-- name. A customer without a master row (or every customer, when no customers file was loaded) is
-- still a customer (metrics.md "Canonical data"): its id stands in for its name.
-- refresh: per customer_id
with

master as (
  -- a file may list an account twice: one row per id
  select
    customer_id,
    any_value(name) as name,
    any_value(segment) as segment,
    any_value(country) as country,
    any_value(currency) as currency,
    any_value(credit_limit) as credit_limit,
    any_value(terms_days) as terms_days,
    any_value(collector) as collector
  from stg_customers
  group by customer_id
),

ledger_ids as (
  select distinct customer_id
  from stg_invoices
),

final as (
  select
    coalesce(m.customer_id, l.customer_id) as customer_id,
    coalesce(m.name, m.customer_id, l.customer_id) as name,
    m.segment,
    m.country,
    m.currency,
    m.credit_limit,
    m.terms_days,
    m.collector,
    m.customer_id is not null as in_customers_file
  from master as m
  full join ledger_ids as l using (customer_id)
)

select * from final
