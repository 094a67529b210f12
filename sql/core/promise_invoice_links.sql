-- One row per promise to pay and invoice it covers: the invoices chosen when it was logged in the
-- app (table promise_invoices), and those its activity row names in invoice_id (a loaded file
-- may list several, separated by ';'). A promise with no row here is the customer's as a whole.
-- refresh: per activity_id
with

named as (
  select activity_id, trim(unnest(string_split(invoice_id, ';'))) as invoice_id
  from stg_activities
  where promised_date is not null and invoice_id is not null
),

logged as (
  select l.activity_id, l.invoice_id
  from promise_invoices as l
  join stg_activities as a using (activity_id)
  where a.promised_date is not null
),

final as (
  select distinct activity_id, invoice_id
  from (select * from named union all select * from logged)
  where invoice_id <> ''
)

select * from final
