-- One row per collector's book, currency and day on which the ledger moves a daily figure: by how
-- much AR, current AR, sales, cash, write-offs, credit notes, invoices and disputes change that day,
-- and how many dated changes make it up (`changes`). core/daily_positions sums these into running
-- totals. `collector` is the customer's (null for customers without one): the portfolio is the sum
-- over collectors, a book its own rows. A customer whose collector changes touches its invoices
-- (server/refresh/scopes.ts), so their old rows leave one book and join the other.
-- refresh: per invoice_id, summed by collector, currency, day
with

customers as (
  select customer_id, collector
  from all_customers
),

flows as (
  select c.collector, f.currency, f.kind, f.flow_date, f.effective_date, f.due_date, f.amount
  from invoice_flows as f
  left join customers as c using (customer_id)
),

invoices as (
  select c.collector, i.currency, i.invoice_date, i.amount, i.disputed_on
  from ledger_invoices as i
  left join customers as c using (customer_id)
),

-- (collector, currency, day, measure, change): every way the ledger moves a daily figure
changes as (
  select collector, currency, effective_date as day, 'ar' as measure, amount as change from flows
  union all
  -- an amount is current from the day it counts until its due date included
  select collector, currency, effective_date, 'current_ar', amount from flows where effective_date <= due_date
  union all
  select collector, currency, due_date + 1, 'current_ar', -amount from flows where effective_date <= due_date
  union all
  select collector, currency, invoice_date, 'sales', amount from invoices
  union all
  select collector, currency, invoice_date, 'invoices', 1 from invoices
  union all
  select collector, currency, disputed_on, 'disputes_opened', 1 from invoices where disputed_on is not null
  union all
  -- cash, write-offs and credit notes count on their own dates (metrics.md Cash(a, b))
  select collector, currency, flow_date, 'cash', -amount from flows where kind = 'payment'
  union all
  select collector, currency, flow_date, 'write_offs', -amount from flows where kind = 'write_off'
  union all
  select collector, currency, flow_date, 'credit_notes', -amount from flows where kind = 'credit_note'
),

final as (
  select
    collector,
    currency,
    day,
    -- zeros rather than nulls: a refresh adds and subtracts these (server/refresh/)
    coalesce(sum(change) filter (where measure = 'ar'), 0) as ar,
    coalesce(sum(change) filter (where measure = 'current_ar'), 0) as current_ar,
    coalesce(sum(change) filter (where measure = 'sales'), 0) as sales,
    coalesce(sum(change) filter (where measure = 'cash'), 0) as cash,
    coalesce(sum(change) filter (where measure = 'write_offs'), 0) as write_offs,
    coalesce(sum(change) filter (where measure = 'credit_notes'), 0) as credit_notes,
    coalesce(sum(change) filter (where measure = 'invoices'), 0)::bigint as invoices,
    coalesce(sum(change) filter (where measure = 'disputes_opened'), 0)::bigint as disputes_opened,
    count(*) as changes
  from changes
  group by collector, currency, day
)

select * from final
