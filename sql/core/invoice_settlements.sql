-- One row per invoice: its amount, what was paid and adjusted, its balance today and the day it was settled.
with

invoices as (
  select invoice_id, customer_id, invoice_date, due_date, amount, currency, disputed, disputed_on, dispute_resolved_on
  from ledger_invoices
),

-- in one pass over each invoice's rows: what was paid, credited and written off, and (metrics.md)
-- the day it was settled, the first day its balance reaches ≤ 0. The invoice's own row adds to
-- none of these; an invoice with nothing else gets the zeros below.
flow_totals as (
  select
    invoice_id,
    coalesce(sum(-amount) filter (where kind = 'payment'), 0) as paid_amount,
    coalesce(sum(-amount) filter (where kind = 'credit_note'), 0) as credited_amount,
    coalesce(sum(-amount) filter (where kind = 'write_off'), 0) as written_off_amount,
    max(flow_date) filter (where kind = 'payment') as last_payment_date,
    count(*) filter (where kind = 'payment') as payment_count,
    min(settled_from) as settled_on
  from (
    select invoice_id, kind, amount, flow_date, null::date as settled_from
    from invoice_flows
    where kind <> 'invoice'
    union all
    select invoice_id, null, null, null, valid_from
    from balance_segments
    where balance <= 0
  )
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
    coalesce(f.paid_amount, 0) as paid_amount,
    coalesce(f.credited_amount, 0) as credited_amount,
    coalesce(f.written_off_amount, 0) as written_off_amount,
    i.amount - coalesce(f.paid_amount, 0) - coalesce(f.credited_amount, 0) - coalesce(f.written_off_amount, 0) as final_balance,
    coalesce(f.payment_count, 0) as payment_count,
    f.last_payment_date,
    f.settled_on,
    f.settled_on - i.invoice_date as days_to_pay,
    f.settled_on - i.due_date as days_late
  from invoices as i
  -- every invoice has its own row in invoice_flows, so none is left out
  left join flow_totals as f using (invoice_id)
)

select * from final
