-- One row: the first and last date of the loaded ledger, the default as-of date (the latest
-- invoice date: payments trail invoices, so an export of settled history must not default to the
-- run-off after its last payment) and the last complete ISO week (Mon–Sun) on or before it, the
-- defaults when a report is asked without an as-of date or a period (interface.md).
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
  select
    (select min(invoice_date) from stg_invoices) as first_date,
    max(last_date) as last_date,
    (select max(invoice_date) from stg_invoices) as default_as_of
  from last_dates
),

final as (
  select
    first_date,
    last_date,
    default_as_of,
    -- an as-of date on a Sunday has its week complete
    iso_week_end(default_as_of - 6) as last_week_end
  from ledger
)

select first_date, last_date, default_as_of, last_week_end - 6 as last_week_start, last_week_end from final
