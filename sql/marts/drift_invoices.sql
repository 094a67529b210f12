-- One row per invoice that speaks for its customer's paying habit at as_of, with its days late (a
-- lower bound for one still open) and its weight in the customer's medians. Only facts known at
-- as_of: invoices dated ≤ as_of, money dated ≤ as_of; an invoice paid after as_of is open at as_of.
-- customers_cte names the caller's CTE of drift_customers(as_of) (each customer's typical invoice):
-- the rows here are cheap to read again, so the caller reads them where each part needs them, with
-- that part's window, instead of keeping a copy of the whole history (docs/drift.md "Speed").
create or replace macro drift_invoices(as_of, customers_cte) as table
with

-- amount-weighted, but one invoice weighs at most weight_cap typical invoices of its customer,
-- so a single large invoice cannot carry the score alone
final as (
  select
    k.invoice_id,
    k.customer_id,
    k.due_date,
    k.amount,
    k.paid_on,
    k.is_paid,
    k.has_payment,
    k.days_late,
    t.typical_amount,
    t.invoices,
    least(k.amount, s.weight_cap * t.typical_amount) as weight
  from drift_known_invoices(as_of) as k
  join query_table(customers_cte) as t using (customer_id)
  cross join drift_settings_row as s
)

select * from final
