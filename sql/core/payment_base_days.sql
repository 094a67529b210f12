-- One row per payment and stretch of base days: the days t before the payment for which it is
-- recovery of a range starting on t + 1 (metrics.md "Recovery rate of aging bucket k": the
-- payments dated in [a, b] on the invoices whose balance was positive on a − 1). A payment dated d
-- counts (+) for every t from its invoice's date to d − 1, less (−) the days its invoice's balance
-- was zero or negative (balance_segments), so for any t the rows whose [first_base_day,
-- last_base_day] hold t sum to the payment when balance(t) > 0 and to 0 otherwise. A free range's
-- recovery (marts/recovery_by_bucket) reads the rows of its own days: the table is in payment-date
-- order, so the scan skips the rest (and an export partitions it by payment date, its first date
-- column). `collector` is the customer's (null: none), as in recovered_by_days_past_due.
-- refresh: per invoice_id
with

customers as (
  select customer_id, collector
  from all_customers
),

-- read twice, straight from invoice_flows (a materialized copy of 12 M payments at 10 M invoices costs more)
payments as not materialized (
  select invoice_id, customer_id, invoice_date, due_date, currency, flow_date as payment_date, -amount as amount
  from invoice_flows
  where kind = 'payment'
),

-- balance(i, t) exists from the invoice's date (metrics.md): a payment dated on or before it counts for no day
from_invoice_date as (
  select invoice_id, customer_id, due_date, currency, payment_date, invoice_date as first_base_day, payment_date - 1 as last_base_day, amount
  from payments
  where invoice_date < payment_date
),

-- a stretch with a zero or credit balance that a later payment can follow: not the last one, which
-- lasts for ever (a payment dated d after a stretch's start starts a segment on d, so the stretch
-- ends by d). Nearly every paid invoice ends on such a last stretch; the ones before it are few.
closed as (
  select invoice_id, valid_from, valid_until
  from balance_segments
  where balance <= 0 and valid_until < date '9999-12-31'
),

-- the stretches before the payment with a zero or credit balance: those days the invoice is not in a bucket
closed_days as (
  select
    p.invoice_id,
    p.customer_id,
    p.due_date,
    p.currency,
    p.payment_date,
    c.valid_from as first_base_day,
    least(c.valid_until, p.payment_date) - 1 as last_base_day,
    -p.amount as amount
  from payments as p
  join closed as c on c.invoice_id = p.invoice_id and c.valid_from < p.payment_date
),

final as (
  select x.invoice_id, x.payment_date, x.first_base_day, x.last_base_day, x.due_date, c.collector, x.currency, x.amount
  from (select * from from_invoice_date union all select * from closed_days) as x
  left join customers as c on c.customer_id = x.customer_id
)

select * from final order by payment_date
