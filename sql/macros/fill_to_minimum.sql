-- The rows of `window_source` (the name of a table or CTE with customer_id, invoice_id, recency and
-- min_rows: the rows in a window), and for a customer with fewer than min_rows of them, its latest
-- rows of `earlier_source` (the same columns: its rows before the window) by recency, then
-- invoice_id, until it has min_rows: a customer that buys rarely is judged on its last few invoices
-- instead of a window it barely appears in. Ranking every row before the window is costly and
-- matters only for such a customer: the window's rows rank first (they are the latest), so the
-- earlier ones rank after the window's count, and only the short customers' are ranked. Two sources,
-- not one with a flag: the rows before the window are read once, straight from where they come from,
-- and never kept (a CTE read twice is materialized; most of a ledger's history is before the window).
create or replace macro fill_to_minimum(window_source, earlier_source) as table
with

window_counts as (
  select customer_id, count(*) as window_rows
  from query_table(window_source)
  group by customer_id
)

select *
from query_table(window_source)
union all
select s.*
from query_table(earlier_source) as s
left join window_counts as c using (customer_id)
where coalesce(c.window_rows, 0) < s.min_rows
qualify coalesce(c.window_rows, 0) + row_number() over (partition by s.customer_id order by s.recency desc, s.invoice_id) <= s.min_rows
