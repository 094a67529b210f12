-- One named number of sql/seeds/drift_settings.csv (windows, priors, the flag threshold).
create or replace macro drift_setting(name) as
  (select value::double from drift_settings where setting = name)
