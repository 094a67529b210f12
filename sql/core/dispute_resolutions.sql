-- One row per resolved dispute: the day it was resolved and how many days it took
-- (metrics.md "days to resolve"). A few per cent of invoices, so the period figures group these
-- instead of scanning every invoice for a resolution date.
-- refresh: per invoice_id
with

invoices as (
  select invoice_id, disputed_on, dispute_resolved_on
  from stg_invoices
),

final as (
  select
    invoice_id,
    dispute_resolved_on as resolved_on,
    (dispute_resolved_on - disputed_on)::double as days_to_resolve
  from invoices
  where disputed_on is not null and dispute_resolved_on is not null
)

select * from final order by resolved_on
