-- The Sunday that ends the ISO week (Monday to Sunday) holding `day`. The last complete week on or
-- before a day ends at iso_week_end(day - 6): the day itself when it is a Sunday, else the Sunday before.
create or replace macro iso_week_end(day) as day::date + (7 - isodow(day::date))::integer
