-- One row per customer, column of the aged trial balance at an as-of date (an aging bucket or
-- `credits`) and currency: the sum of the customer's invoice balances in it in their own money,
-- the same converted to the reporting currency at the as-of date's rates (metrics.md
-- "Currencies": the rate applies to the currency's total of the cell, kept to 8 decimals so a
-- report rounds once after adding currencies), and their count, under the filters given (null
-- matches everything). Summed over customers a column is the aging report's.
create or replace macro aged_balance(as_of, segment_name, collector_name, currency_code, reporting := null) as table
with

invoices as (
  select customer_id, customer_name, segment, collector, currency, balance, aged_column, column_order
  from aged_invoices(as_of)
  where (segment_name is null or segment = segment_name)
    and (collector_name is null or collector = collector_name)
    and (currency_code is null or currency = currency_code)
),

per_currency as (
  select
    customer_id,
    any_value(customer_name) as name,
    any_value(segment) as segment,
    any_value(collector) as collector,
    aged_column,
    any_value(column_order) as column_order,
    currency,
    sum(balance) as own_balance,
    count(*) as invoices
  from invoices
  group by customer_id, aged_column, currency
),

final as (
  select
    *,
    reporting_currency(reporting) as reporting_currency,
    to_reporting(own_balance, currency, reporting_currency(reporting), as_of) as balance
  from per_currency
)

select * from final
