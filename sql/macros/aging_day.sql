-- The day of daily_aging that holds the aging of any date: before the ledger nothing is open
-- (its first row), after its last day no invoice changes bucket any more (its last row).
create or replace macro aging_day(d) as
  least(greatest(d::date, (select min(day) from daily_aging)), (select max(day) from daily_aging))
