-- One row per week k = 1 … weeks after an as-of date, [as_of + 7(k − 1) + 1, as_of + 7k], and
-- currency: the cash the invoices open at as_of are expected to bring in that week (balance × the
-- share of the invoice's pay-date distribution in the week) and its variance, for the interval.
-- A customer's invoices are taken to move together in part (one payment run pays several, but not
-- all of them: correlation customer_correlation between any two), customers independently of each
-- other: docs/forecast.md. model_cte names the caller's CTE of
-- forecast_model(as_of, weeks), so a report that also lists the invoices computes the model once.
create or replace macro forecast_weeks_from(model_cte, as_of, weeks) as table
with

invoice_weeks as (
  select customer_id, currency, balance, week, share
  from query_table(model_cte)
  where week is not null
),

customer_weeks as (
  select
    customer_id,
    currency,
    week,
    sum(balance * share) as expected,
    sum(balance * sqrt(greatest(share * (1 - share), 0))) as spread,
    sum(balance * balance * greatest(share * (1 - share), 0)) as independent
  from invoice_weeks
  group by customer_id, currency, week
),

horizon as (
  select week, as_of::date + 7 * (week - 1) + 1 as week_start, as_of::date + 7 * week as week_end
  from (select unnest(range(1, weeks::integer + 1))::integer as week)
),

final as (
  select
    h.week,
    h.week_start,
    h.week_end,
    c.currency,
    coalesce(sum(c.expected), 0) as expected,
    coalesce(sum(r.rho * c.spread * c.spread + (1 - r.rho) * c.independent), 0) as variance
  from horizon as h
  left join customer_weeks as c using (week)
  cross join (select customer_correlation as rho from forecast_settings_row) as r
  group by h.week, h.week_start, h.week_end, c.currency
)

select * from final order by week, currency
