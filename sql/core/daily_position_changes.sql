-- One row per currency and day on which the ledger moves a daily figure: by how much AR, current AR,
-- sales, cash, write-offs, credit notes, invoices and disputes change that day, and how many dated
-- changes make it up (`changes`). core/daily_positions sums these into running totals.
-- refresh: per invoice_id, summed by currency, day
with

flows as (
  select currency, kind, flow_date, effective_date, due_date, amount
  from invoice_flows
),

invoices as (
  select currency, invoice_date, amount, disputed_on
  from ledger_invoices
),

-- (currency, day, measure, change): every way the ledger moves a daily figure
changes as (
  select currency, effective_date as day, 'ar' as measure, amount as change from flows
  union all
  -- an amount is current from the day it counts until its due date included
  select currency, effective_date, 'current_ar', amount from flows where effective_date <= due_date
  union all
  select currency, due_date + 1, 'current_ar', -amount from flows where effective_date <= due_date
  union all
  select currency, invoice_date, 'sales', amount from invoices
  union all
  select currency, invoice_date, 'invoices', 1 from invoices
  union all
  select currency, disputed_on, 'disputes_opened', 1 from invoices where disputed_on is not null
  union all
  -- cash, write-offs and credit notes count on their own dates (metrics.md Cash(a, b))
  select currency, flow_date, 'cash', -amount from flows where kind = 'payment'
  union all
  select currency, flow_date, 'write_offs', -amount from flows where kind = 'write_off'
  union all
  select currency, flow_date, 'credit_notes', -amount from flows where kind = 'credit_note'
),

final as (
  select
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
  group by currency, day
)

select * from final
