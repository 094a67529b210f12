-- One row per period of period_list with the currency the period reports read its money in
-- (reporting_currency): the periods every period report groups by.
create or replace macro reporting_periods(from_date, to_date, grain, reporting) as table
select period_start, period_end, reporting_currency(reporting) as report_currency
from period_list(from_date, to_date, grain)
