-- Every number of sql/seeds/worklist_settings.csv as one row (settings_values).
create or replace view worklist_settings_row as
pivot settings_values('worklist_settings') on setting in (
  'promise_grace_days', 'broken_promise_days', 'broken_promise_steps', 'weight_past_due_balance', 'weight_days_past_due',
  'weight_drift', 'weight_broken_promises', 'weight_disputes', 'weight_credit_use', 'parked_factor'
) using max(value)
