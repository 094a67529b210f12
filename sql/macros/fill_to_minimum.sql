-- The rows of `source` (the name of a table or CTE with customer_id, invoice_id, in_window, recency
-- and min_rows) that are in the window, and for a customer with fewer than min_rows of them, its
-- latest rows before the window (by recency, then invoice_id) until it has min_rows: a customer that
-- buys rarely is judged on its last few invoices instead of a window it barely appears in.
-- Ranking every row before the window is costly and matters only for such a customer: the window's
-- rows rank first (they are the latest), so the earlier ones rank after the window's count.
create or replace macro fill_to_minimum(source) as table
with

window_counts as (
  select customer_id, count(*) as window_rows
  from query_table(source)
  where in_window
  group by customer_id
)

select *
from query_table(source)
where in_window
union all
select s.*
from query_table(source) as s
left join window_counts as c using (customer_id)
where s.in_window is not true
  and coalesce(c.window_rows, 0) < s.min_rows
qualify coalesce(c.window_rows, 0) + row_number() over (partition by s.customer_id order by s.recency desc, s.invoice_id) <= s.min_rows
