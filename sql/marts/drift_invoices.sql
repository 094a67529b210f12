-- One row per invoice that speaks for its customer's paying habit at as_of, with its days late (a
-- lower bound for one still open) and its weight in the customer's medians. Only facts known at
-- as_of: invoices dated ≤ as_of, money dated ≤ as_of; an invoice paid after as_of is open at as_of.
create or replace macro drift_invoices(as_of) as table
with

-- invoices that exist at as_of; disputed ones (a dispute, not a habit, sets their pace) and
-- ones written off unpaid (bad debt, not paying behaviour) are left out
known as (
  select
    invoice_id,
    customer_id,
    due_date,
    amount,
    paid_on,
    coalesce(paid_on <= as_of::date, false) as is_paid,
    coalesce(first_payment_on <= as_of::date, false) as has_payment,
    -- an open invoice is at least this late already: a lower bound of its days late
    case when paid_on <= as_of::date then paid_on - due_date else as_of::date - due_date end as days_late
  from invoice_pay_dates
  where invoice_date <= as_of::date
    and (disputed_on is null or disputed_on > as_of::date)
    and not (coalesce(written_off_on <= as_of::date, false) and not coalesce(paid_on <= as_of::date, false))
),

typical_amounts as (
  select customer_id, median(amount) as typical_amount, count(*) as invoices
  from known
  group by customer_id
),

-- amount-weighted, but one invoice weighs at most weight_cap typical invoices of its customer,
-- so a single large invoice cannot carry the score alone
final as (
  select
    k.*,
    t.typical_amount,
    t.invoices,
    least(k.amount, s.weight_cap * t.typical_amount) as weight
  from known as k
  join typical_amounts as t using (customer_id)
  cross join drift_settings_row as s
)

select * from final
