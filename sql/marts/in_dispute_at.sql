-- Whether an invoice is in dispute at the end of day d: its dispute began by d
-- (ledger_invoices.disputed_from) and was not resolved by d. The one rule the open invoices, the
-- customer pages and the worklist share.
create or replace macro in_dispute_at(disputed_from, dispute_resolved_on, d) as
  coalesce(disputed_from <= d::date and (dispute_resolved_on is null or dispute_resolved_on > d::date), false);
