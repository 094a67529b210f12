-- One row per customer and column of the aged trial balance at an as-of date (an aging bucket or
-- `credits`): the sum of the customer's invoice balances in it and their count, under the
-- filters given (null matches everything). Summed over customers a column is the aging report's.
create or replace macro aged_balance(as_of, segment_name, collector_name, currency_code) as table
with

invoices as (
  select customer_id, customer_name, segment, collector, currency, balance, aged_column, column_order
  from aged_invoices(as_of)
  where (segment_name is null or segment = segment_name)
    and (collector_name is null or collector = collector_name)
    and (currency_code is null or currency = currency_code)
),

final as (
  select
    customer_id,
    any_value(customer_name) as name,
    any_value(segment) as segment,
    any_value(collector) as collector,
    aged_column,
    any_value(column_order) as column_order,
    sum(balance) as balance,
    count(*) as invoices
  from invoices
  group by customer_id, aged_column
)

select * from final
