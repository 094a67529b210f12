-- One row per invoice: the dates that describe how it was paid — first payment, the day it was
-- paid (payments and credit notes reach all but 2 % of the amount), the first write-off, and the
-- day it was settled (metrics.md: the first day its balance reaches ≤ 0), with its currency.
-- The drift and worklist marts compare these dates with an as-of date, so every fact here is
-- a fixed day in the past of the ledger and never depends on what happened after it.
-- One table for both: core/invoice_settlements is a view of it (a second per-invoice table that
-- repeated the ids, dates and currency and grouped the flows by invoice again cost 3 s of a 15 s
-- rebuild at 1 M invoices).
-- refresh: per invoice_id
with

-- disputed_on: the day the dispute began (ledger_invoices: a Yes/No flag without a date counts from the invoice date)
invoices as (
  select invoice_id, customer_id, invoice_date, due_date, amount, disputed_from as disputed_on, dispute_resolved_on, currency
  from ledger_invoices
),

flows as (
  select invoice_id, kind, effective_date, -amount as amount
  from invoice_flows
  where kind <> 'invoice'
),

-- one pass over the money of each invoice: the first payment, the first write-off, and the first
-- and last day and the total of the money that pays it.
-- A small rest left after the customer paid (bank charges, a short-paid line) is written off
-- weeks later; that delay is the seller's, not the customer's, so write-offs do not pay here.
flow_dates as (
  select
    invoice_id,
    min(effective_date) filter (where kind = 'payment') as first_payment_on,
    min(effective_date) filter (where kind = 'write_off') as written_off_on,
    min(effective_date) filter (where kind <> 'write_off') as first_paying_on,
    max(effective_date) filter (where kind <> 'write_off') as last_paying_on,
    sum(amount) filter (where kind <> 'write_off') as paying_total
  from flows
  group by invoice_id
),

-- paid on the first day the money to date reaches 98 % of the amount. Money that came in on one
-- day pays on that day or never (above); only money spread over several days needs the running
-- total, which sums each day whole (range frame: the day's other money is its peers).
paid_days_spread as (
  select r.invoice_id, min(r.effective_date) as paid_on
  from (
    select
      f.invoice_id,
      f.effective_date,
      sum(f.amount) over (partition by f.invoice_id order by f.effective_date range between unbounded preceding and current row) as paid_to_date
    from flows as f
    join flow_dates as d using (invoice_id)
    where f.kind <> 'write_off' and d.first_paying_on < d.last_paying_on
  ) as r
  join stg_invoices as i using (invoice_id)
  where r.paid_to_date >= i.amount * 0.98
  group by r.invoice_id
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
    i.invoice_id,
    i.customer_id,
    i.invoice_date,
    i.due_date,
    i.amount,
    i.disputed_on,
    i.dispute_resolved_on,
    f.first_payment_on,
    case
      when f.first_paying_on = f.last_paying_on then case when f.paying_total >= i.amount * 0.98 then f.first_paying_on end
      else p.paid_on
    end as paid_on,
    f.written_off_on,
    i.currency,
    s.settled_on
  from invoices as i
  left join flow_dates as f using (invoice_id)
  left join paid_days_spread as p using (invoice_id)
  left join settled as s using (invoice_id)
)

select * from final
