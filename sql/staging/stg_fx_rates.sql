-- One row per exchange rate as loaded: 1 unit of `base` buys `units_per_base` units of `currency`
-- on rate_date (metrics.md "Currencies").
select
  rate_date,
  upper(trim(currency)) as currency,
  units_per_base,
  upper(trim(base)) as base
from fx_rates
