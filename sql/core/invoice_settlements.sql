-- One row per invoice: its amount, what was paid and adjusted, its balance today and the day it was settled.
with

invoices as (
  select invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, disputed_on, dispute_resolved_on
  from stg_invoices
),

flow_totals as (
  select
    invoice_id,
    coalesce(sum(-amount) filter (where kind = 'payment'), 0) as paid_amount,
    coalesce(sum(-amount) filter (where kind = 'credit_note'), 0) as credited_amount,
    coalesce(sum(-amount) filter (where kind = 'write_off'), 0) as written_off_amount,
    max(flow_date) filter (where kind = 'payment') as last_payment_date,
    count(*) filter (where kind = 'payment') as payment_count
  from invoice_flows
  group by invoice_id
),

-- metrics.md: an invoice is settled on the first day its balance reaches ≤ 0
settled_days as (
  select invoice_id, min(valid_from) as settled_on
  from balance_segments
  where balance <= 0
  group by invoice_id
),

final as (
  select
    i.invoice_id,
    i.customer_id,
    i.invoice_date,
    i.due_date,
    i.amount,
    i.currency,
    i.disputed,
    i.disputed_on,
    i.dispute_resolved_on,
    f.paid_amount,
    f.credited_amount,
    f.written_off_amount,
    i.amount - f.paid_amount - f.credited_amount - f.written_off_amount as final_balance,
    f.payment_count,
    f.last_payment_date,
    s.settled_on,
    s.settled_on - i.invoice_date as days_to_pay,
    s.settled_on - i.due_date as days_late
  from invoices as i
  join flow_totals as f using (invoice_id)
  left join settled_days as s using (invoice_id)
)

select * from final
