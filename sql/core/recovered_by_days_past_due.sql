-- One row per calendar grain (week, month), period, collector's book, currency and whole days past
-- due: the payments dated in the period on invoices that had a positive balance the day before it
-- began, with that day's days past due, and how many payments make it up (`changes`).
-- core/recovered_by_calendar_period sums these per aging bucket. `collector` is the customer's
-- (null: none), as in daily_position_changes.
-- refresh: per invoice_id, summed by grain, period_start, collector, currency, base_days_past_due
with

customers as (
  select customer_id, collector
  from all_customers
),

payments as (
  select invoice_id, flow_date as payment_date, -amount as amount
  from invoice_flows
  where kind = 'payment'
),

payment_periods as (
  select 'week' as grain, date_trunc('week', payment_date)::date as period_start, invoice_id, amount
  from payments
  union all
  select 'month', date_trunc('month', payment_date)::date, invoice_id, amount
  from payments
),

payments_on_base as (
  select
    p.grain,
    p.period_start,
    c.collector,
    s.currency,
    p.amount,
    (p.period_start - 1) - s.due_date as base_days_past_due
  from payment_periods as p
  join balance_segments as s
    on s.invoice_id = p.invoice_id
    and p.period_start - 1 >= s.valid_from
    and p.period_start - 1 < s.valid_until
  left join customers as c on c.customer_id = s.customer_id
  where s.balance > 0
),

-- whole days past due, summed per day count first: the bucket join then sees a few thousand rows
final as (
  select grain, period_start, collector, currency, base_days_past_due, sum(amount) as amount, count(*) as changes
  from payments_on_base
  group by grain, period_start, collector, currency, base_days_past_due
)

select * from final
