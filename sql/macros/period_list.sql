-- One row per period between two dates: the range itself, or every ISO week (Mon–Sun) or
-- calendar month that overlaps it. Every period report is grouped by these rows.
create or replace macro period_list(from_date, to_date, grain) as table
with

ranges as (
  select from_date::date as period_start, to_date::date as period_end
  where grain = 'range'
),

weeks as (
  select w::date as period_start, (w::date + 6) as period_end
  from range(date_trunc('week', from_date::date)::timestamp, (to_date::date + 1)::timestamp, interval 7 day) as t(w)
  where grain = 'week'
),

months as (
  select m::date as period_start, (m + interval 1 month)::date - 1 as period_end
  from range(date_trunc('month', from_date::date)::timestamp, (to_date::date + 1)::timestamp, interval 1 month) as t(m)
  where grain = 'month'
)

select period_start, period_end from ranges
union all
select period_start, period_end from weeks
union all
select period_start, period_end from months
order by period_start
