-- The numbers of a settings seed (sql/seeds/<name>.csv: setting, value, meaning) as (setting, value):
-- what each <name>_row view pivots into one row with a column per setting, so a mart reads every
-- setting with one cross join (a scalar lookup per use would plan one more join per use).
create or replace macro settings_values(seed) as table
  select setting, value::double as value from query_table(seed)
