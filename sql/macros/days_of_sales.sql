-- A balance as days of the window's sales (metrics.md "KPIs at an as-of date"): balance / sales × n,
-- null without sales. Of AR it is the DSO, of current AR the best possible DSO, of past-due AR the
-- average days delinquent (DSO − BPDSO). kpis and customer_kpis read it.
create or replace macro days_of_sales(balance, sales, window_days) as balance / nullif(sales, 0) * window_days
