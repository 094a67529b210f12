-- One row per week k = 1 … weeks after an as-of date and currency: the cash expected that week
-- from the invoices open at as_of and its variance (forecast_weeks_from, docs/forecast.md).
create or replace macro forecast_weeks(as_of, weeks) as table
with

model as (
  from forecast_model(as_of, weeks)
)

from forecast_weeks_from('model', as_of, weeks)
