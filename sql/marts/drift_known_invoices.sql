-- The invoices that exist at as_of, less the disputed ones (a dispute, not a habit, sets their pace)
-- and the ones written off unpaid (bad debt, not paying behaviour), with what is known of their
-- payment at as_of: an invoice paid after as_of is open at as_of, and an open invoice is at least
-- as_of − due date late already (a lower bound of its days late).
create or replace macro drift_known_invoices(as_of) as table
select
  invoice_id,
  customer_id,
  due_date,
  amount,
  paid_on,
  coalesce(paid_on <= as_of::date, false) as is_paid,
  coalesce(first_payment_on <= as_of::date, false) as has_payment,
  case when paid_on <= as_of::date then paid_on - due_date else as_of::date - due_date end as days_late
from invoice_pay_dates
where invoice_date <= as_of::date
  and (disputed_on is null or disputed_on > as_of::date)
  and not (coalesce(written_off_on <= as_of::date, false) and not coalesce(paid_on <= as_of::date, false))
