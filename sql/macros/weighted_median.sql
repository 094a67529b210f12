-- One row per customer of `source` (the name of a table or CTE with customer_id, value, weight,
-- tiebreak): its weighted median, the smallest value whose running weight (in the order of value,
-- then tiebreak, nulls first) reaches half the customer's total weight, and how many rows it rests on.
create or replace macro weighted_median(source) as table
with

ranked as (
  select
    customer_id,
    value,
    sum(weight) over (partition by customer_id order by value, tiebreak nulls first rows between unbounded preceding and current row) as running_weight,
    sum(weight) over (partition by customer_id) as total_weight
  from query_table(source)
)

select customer_id, min(value) filter (where running_weight >= total_weight / 2) as median, count(*) as points
from ranked
group by customer_id
