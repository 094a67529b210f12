-- One row per collection cost not tied to one touch (salaries, agency fees ...).
select
  cost_date,
  category,
  amount,
  note,
  nullif(upper(trim(currency)), '') as currency
from costs
