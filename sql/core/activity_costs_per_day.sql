-- One row per currency and day with collection activities that cost something: their total cost,
-- in the activity's own currency, else the home currency. Rebuilt with the models after a load, and
-- on its own when an activity with a cost is logged in the app (server/risk/activities.ts), so cost
-- per dollar collected counts it at once.
-- refresh: per day
with

activities as (
  select activity_date, coalesce(currency, (select currency from home_currency)) as currency, cost
  from stg_activities
  where cost is not null
),

final as (
  select currency, activity_date as day, sum(cost)::decimal(18, 2) as cost
  from activities
  group by currency, activity_date
)

select * from final order by day, currency
