-- One row per invoice: its amount, what was paid and adjusted, its balance today and the day it was settled.
-- refresh: per invoice_id
with

invoices as (
  select invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, disputed_on, dispute_resolved_on
  from ledger_invoices
),

-- what was paid, credited and written off, from the rows other than the invoice's own; an invoice
-- with nothing else gets the zeros below
flow_totals as (
  select
    invoice_id,
    sum(case when kind = 'payment' then -amount end) as paid_amount,
    sum(case when kind = 'credit_note' then -amount end) as credited_amount,
    sum(case when kind = 'write_off' then -amount end) as written_off_amount,
    max(case when kind = 'payment' then flow_date end) as last_payment_date,
    count(case when kind = 'payment' then 1 end) as payment_count
  from invoice_flows
  where kind <> 'invoice'
  group by invoice_id
),

-- (metrics.md) the day it was settled: the first day its balance reaches ≤ 0
settled as (
  select invoice_id, min(valid_from) as settled_on
  from balance_segments
  where balance <= 0
  group by invoice_id
),

final as (
  select
    i.*,
    coalesce(f.paid_amount, 0) as paid_amount,
    coalesce(f.credited_amount, 0) as credited_amount,
    coalesce(f.written_off_amount, 0) as written_off_amount,
    i.amount - coalesce(f.paid_amount, 0) - coalesce(f.credited_amount, 0) - coalesce(f.written_off_amount, 0) as final_balance,
    coalesce(f.payment_count, 0) as payment_count,
    f.last_payment_date,
    s.settled_on,
    s.settled_on - i.invoice_date as days_to_pay,
    s.settled_on - i.due_date as days_late
  from invoices as i
  left join flow_totals as f using (invoice_id)
  left join settled as s using (invoice_id)
)

select * from final
