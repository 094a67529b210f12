-- One row per currency and calendar day: AR and current AR at the end of the day, and running
-- totals (from the first day of the ledger) of sales, cash, write-offs, credit notes, invoices and
-- disputes, each in that currency (metrics.md "Currencies": figures are converted per currency total).
-- Built in one pass: each dated event adds to its day, a running sum gives every day.
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

changes_per_day as (
  select
    currency,
    day,
    sum(change) filter (where measure = 'ar') as ar,
    sum(change) filter (where measure = 'current_ar') as current_ar,
    sum(change) filter (where measure = 'sales') as sales,
    sum(change) filter (where measure = 'cash') as cash,
    sum(change) filter (where measure = 'write_offs') as write_offs,
    sum(change) filter (where measure = 'credit_notes') as credit_notes,
    sum(change) filter (where measure = 'invoices')::bigint as invoices,
    sum(change) filter (where measure = 'disputes_opened')::bigint as disputes_opened
  from changes
  group by currency, day
),

-- every currency has every day; the day before the first event is all zeros, so any earlier
-- as-of date reads zeros
calendar as (
  select c.currency, unnest(generate_series(r.first_day - 1, r.last_day, interval 1 day))::date as day
  from (select distinct currency from changes_per_day) as c
  cross join (select min(day) as first_day, max(day) as last_day from changes_per_day) as r
),

final as (
  select
    c.currency,
    c.day,
    (sum(coalesce(d.ar, 0)) over to_date)::decimal(18, 2) as ar,
    (sum(coalesce(d.current_ar, 0)) over to_date)::decimal(18, 2) as current_ar,
    (sum(coalesce(d.sales, 0)) over to_date)::decimal(18, 2) as sales_to_date,
    (sum(coalesce(d.cash, 0)) over to_date)::decimal(18, 2) as cash_to_date,
    (sum(coalesce(d.write_offs, 0)) over to_date)::decimal(18, 2) as write_offs_to_date,
    (sum(coalesce(d.credit_notes, 0)) over to_date)::decimal(18, 2) as credit_notes_to_date,
    (sum(coalesce(d.invoices, 0)) over to_date)::bigint as invoices_to_date,
    (sum(coalesce(d.disputes_opened, 0)) over to_date)::bigint as disputes_opened_to_date
  from calendar as c
  left join changes_per_day as d using (currency, day)
  window to_date as (partition by c.currency order by c.day rows between unbounded preceding and current row)
)

select * from final
