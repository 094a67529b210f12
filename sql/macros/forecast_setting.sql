-- One named number of sql/seeds/forecast_settings.csv (history window, priors of the pay-date model).
create or replace macro forecast_setting(name) as
  (select value::double from forecast_settings where setting = name)
