-- One row: the last date of the loaded ledger and the last complete ISO week (Mon–Sun) by then,
-- the defaults when a report is asked without an as-of date or a period (interface.md).
create or replace macro ledger_bounds() as table
with

last_dates as (
  select max(invoice_date) as last_date from stg_invoices
  union all
  select max(payment_date) from stg_payments
  union all
  select max(adjustment_date) from stg_adjustments
),

ledger as (
  select max(last_date) as last_date, (select min(invoice_date) from stg_invoices) as first_date
  from last_dates
),

final as (
  select
    first_date,
    last_date,
    -- isodow: Monday 1 … Sunday 7; a ledger ending on a Sunday has its last week complete
    (last_date - (isodow(last_date) % 7)::integer) as last_week_end
  from ledger
)

select first_date, last_date, last_week_end - 6 as last_week_start, last_week_end from final
