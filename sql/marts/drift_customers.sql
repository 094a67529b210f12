-- One row per customer with invoices at as_of (drift_known_invoices): how many, and its typical
-- invoice, the median amount, which caps each invoice's weight (drift_invoices). The one part of
-- the score that reads the whole history; a few ten thousand rows that drift() computes once.
create or replace macro drift_customers(as_of) as table
select customer_id, median(amount) as typical_amount, count(*) as invoices
from drift_known_invoices(as_of)
group by customer_id
