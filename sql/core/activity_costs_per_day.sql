-- One row per day with collection activities that cost something: their total cost. Rebuilt with
-- the models after a load, and on its own when an activity with a cost is logged in the app
-- (server/risk/activities.ts), so cost per dollar collected counts it at once.
with

activities as (
  select activity_date, cost
  from stg_activities
  where cost is not null
),

final as (
  select activity_date as day, sum(cost)::decimal(18, 2) as cost
  from activities
  group by activity_date
)

select * from final order by day
