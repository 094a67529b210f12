-- The day of daily_positions that holds the figures of any date: before the ledger everything
-- is zero (its first row), after it nothing moves any more (its last row).
create or replace macro position_day(d) as
  least(greatest(d::date, (select min(day) from daily_positions)), (select max(day) from daily_positions))
