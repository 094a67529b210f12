-- One row per payment and calendar grain (week, month) whose invoice had a positive balance on the
-- day before that week or month began: the base balance and days past due that place the payment
-- in a recovery bucket. Prepared at refresh so a two-year weekly series reads it instead of
-- looking up every payment's invoice again.
with

payments as (
  select payment_id, invoice_id, payment_date, amount
  from stg_payments
),

payment_periods as (
  select 'week' as grain, date_trunc('week', payment_date)::date as period_start, payment_id, invoice_id, amount
  from payments
  union all
  select 'month', date_trunc('month', payment_date)::date, payment_id, invoice_id, amount
  from payments
),

final as (
  select
    p.grain,
    p.period_start,
    p.payment_id,
    p.amount,
    s.balance as base_balance,
    (p.period_start - 1) - s.due_date as base_days_past_due
  from payment_periods as p
  join balance_segments as s
    on s.invoice_id = p.invoice_id
    and p.period_start - 1 >= s.valid_from
    and p.period_start - 1 < s.valid_until
  where s.balance > 0
)

-- sorted so a series reads only the row groups of its weeks or months
select * from final order by grain, period_start
