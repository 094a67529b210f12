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

-- read by each branch below rather than materialized once: a copy of 2.2 M flows with their books
-- cost more than scanning the table again (1 M invoices: 2.6 s of CPU before, 0.8 s now)
flows as not materialized (
  select c.collector, f.currency, f.kind, f.flow_date, f.effective_date, f.due_date, f.amount
  from invoice_flows as f
  left join customers as c using (customer_id)
),

-- one row per flow and day on which it moves a figure, all its figures side by side: the day it
-- counts from (AR; current AR when it counts on or before its due date; an invoice's sales and
-- count; money dated that day: cash, write-offs, credit notes), the day after its due date (current
-- AR ends), and the day money was dated when it counts from the later invoice date (metrics.md
-- Cash(a, b)); then each dispute on the day it opened. `changes` counts the dated changes a row
-- stands for (one per figure it moves, and one for AR), so a group's count is the number of
-- changes to the day's figures, as a refresh's old and new parts need (server/refresh/)
changes as (
  select
    collector, currency, effective_date as day,
    amount as ar,
    case when effective_date <= due_date then amount else 0 end as current_ar,
    case when kind = 'invoice' then amount else 0 end as sales,
    case when kind = 'payment' and flow_date = effective_date then -amount else 0 end as cash,
    case when kind = 'write_off' and flow_date = effective_date then -amount else 0 end as write_offs,
    case when kind = 'credit_note' and flow_date = effective_date then -amount else 0 end as credit_notes,
    case when kind = 'invoice' then 1 else 0 end as invoices,
    0 as disputes_opened,
    1 + (effective_date <= due_date)::integer + case when kind = 'invoice' then 2 when flow_date = effective_date then 1 else 0 end as changes
  from flows
  union all
  select collector, currency, due_date + 1, 0, -amount, 0, 0, 0, 0, 0, 0, 1
  from flows
  where effective_date <= due_date
  union all
  select
    collector, currency, flow_date, 0, 0, 0,
    case when kind = 'payment' then -amount else 0 end,
    case when kind = 'write_off' then -amount else 0 end,
    case when kind = 'credit_note' then -amount else 0 end,
    0, 0, 1
  from flows
  where kind <> 'invoice' and flow_date <> effective_date
  union all
  select c.collector, i.currency, i.disputed_on, 0, 0, 0, 0, 0, 0, 0, 1, 1
  from ledger_invoices as i
  left join customers as c using (customer_id)
  where i.disputed_on is not null
),

final as (
  select
    collector,
    currency,
    day,
    sum(ar) as ar,
    sum(current_ar) as current_ar,
    sum(sales) as sales,
    sum(cash) as cash,
    sum(write_offs) as write_offs,
    sum(credit_notes) as credit_notes,
    sum(invoices)::bigint as invoices,
    sum(disputes_opened)::bigint as disputes_opened,
    sum(changes)::bigint as changes
  from changes
  group by collector, currency, day
)

select * from final
