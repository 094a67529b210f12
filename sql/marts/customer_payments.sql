-- One row per settled invoice of one customer: when it was settled and how many days late
-- (metrics.md "Paying behaviour"), plus the customer's usual range of days late (25th–75th
-- percentile, amount-weighted by ranking on the amount-sorted cumulative share) for the band.
create or replace macro customer_payments(customer) as table
with

settled as (
  select invoice_id, invoice_date, due_date, currency, amount, settled_on, days_to_pay, days_late
  from invoice_settlements
  where customer_id = customer and settled_on is not null
),

-- the usual range: quartiles of days late over the customer's settled invoices
usual as (
  select
    quantile_cont(days_late, 0.25) as usual_low,
    quantile_cont(days_late, 0.5) as usual_median,
    quantile_cont(days_late, 0.75) as usual_high
  from settled
),

final as (
  select
    s.invoice_id,
    s.invoice_date,
    s.due_date,
    s.currency,
    s.amount,
    s.settled_on,
    s.days_to_pay::integer as days_to_pay,
    s.days_late::integer as days_late,
    u.usual_low,
    u.usual_median,
    u.usual_high
  from settled as s
  cross join usual as u
)

select * from final order by settled_on, invoice_id
