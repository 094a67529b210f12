-- Every number of sql/seeds/worklist_settings.csv as one row (worklist_setting() per use would
-- plan one more join per use).
create or replace view worklist_settings_row as
select
  max(value::double) filter (where setting = 'promise_grace_days') as promise_grace_days,
  max(value::double) filter (where setting = 'broken_promise_days') as broken_promise_days,
  max(value::double) filter (where setting = 'broken_promise_steps') as broken_promise_steps,
  max(value::double) filter (where setting = 'weight_past_due_balance') as weight_past_due_balance,
  max(value::double) filter (where setting = 'weight_days_past_due') as weight_days_past_due,
  max(value::double) filter (where setting = 'weight_drift') as weight_drift,
  max(value::double) filter (where setting = 'weight_broken_promises') as weight_broken_promises,
  max(value::double) filter (where setting = 'weight_disputes') as weight_disputes,
  max(value::double) filter (where setting = 'weight_credit_use') as weight_credit_use,
  max(value::double) filter (where setting = 'parked_factor') as parked_factor
from worklist_settings
