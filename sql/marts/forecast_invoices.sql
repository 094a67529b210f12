-- One row per invoice open at an as-of date with a balance > 0: its median pay date, the 10th and
-- 90th percentiles, and the probability that it is settled after its due date (1 for one already
-- past due), from the weighted pay dates of forecast_points (forecast_model, docs/forecast.md).
create or replace macro forecast_invoices(as_of) as table
select invoice_id, customer_id, currency, balance, due_date, expected_pay_date, pay_date_low, pay_date_high, late_probability
from forecast_model(as_of, 0)
where week is null
