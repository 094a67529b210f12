-- One row per week of the past before an as-of date, [as_of − 7k + 1, as_of − 7(k − 1)], k = 1 …
-- weeks: the cash that came in that week on the invoices open at its start (dated before it), the
-- figure the forecast made at the start of the week forecasts (forecast_weeks, week 1).
create or replace macro forecast_actuals(as_of, weeks) as table
with

horizon as (
  select unnest(range(1, weeks::integer + 1))::integer as weeks_back
),

past_weeks as (
  select as_of::date - 7 * weeks_back + 1 as week_start, as_of::date - 7 * (weeks_back - 1) as week_end
  from horizon
),

payments as (
  select f.invoice_id, f.flow_date as payment_date, f.invoice_date, -f.amount as amount, coalesce(i.currency, c.currency, (select currency from home_currency)) as currency
  from invoice_flows as f
  join stg_invoices as i using (invoice_id)
  left join (select customer_id, any_value(currency) as currency from stg_customers group by customer_id) as c on c.customer_id = f.customer_id
  where f.kind = 'payment'
    and f.flow_date > as_of::date - 7 * weeks::integer
    and f.flow_date <= as_of::date
),

final as (
  select w.week_start, w.week_end, p.currency, coalesce(sum(p.amount), 0) as actual
  from past_weeks as w
  left join payments as p
    on p.payment_date between w.week_start and w.week_end
    and p.invoice_date < w.week_start
  group by w.week_start, w.week_end, p.currency
)

select * from final order by week_start, currency
