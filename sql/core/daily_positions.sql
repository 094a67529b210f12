-- One row per collector's book, currency and calendar day: AR and current AR at the end of the day,
-- and running totals (from the first day of the ledger) of sales, cash, write-offs, credit notes,
-- invoices and disputes, each in that currency (metrics.md "Currencies": figures are converted per
-- currency total). `collector` is the customers' (null: customers without one); the portfolio's
-- figures are the sum over collectors, a collector's book its own rows (marts/kpis, period_kpis).
-- Each day's changes (core/daily_position_changes) summed from the first day. A refresh runs this
-- over the changes from the earliest changed day d0 on, those before summed into one row on d0 − 1,
-- and replaces the rows from d0 on (server/refresh/running.ts).
-- refresh: from day, after daily_position_changes
with

changes_per_day as (
  select collector, currency, day, ar, current_ar, sales, cash, write_offs, credit_notes, invoices, disputes_opened
  from daily_position_changes
),

-- every book and currency has every day; the day before the first event is all zeros, so any
-- earlier as-of date reads zeros
calendar as (
  select b.collector, b.currency, unnest(generate_series(r.first_day - 1, r.last_day, interval 1 day))::date as day
  from (select distinct collector, currency from changes_per_day) as b
  cross join (select min(day) as first_day, max(day) as last_day from changes_per_day) as r
),

-- each book's changes and a zero for every calendar day, summed per day: every day has one row
-- (a group by keeps the null collector as one book, where a join on it would not match)
per_day as (
  select collector, currency, day, sum(ar) as ar, sum(current_ar) as current_ar, sum(sales) as sales, sum(cash) as cash,
    sum(write_offs) as write_offs, sum(credit_notes) as credit_notes, sum(invoices) as invoices, sum(disputes_opened) as disputes_opened
  from (
    select collector, currency, day, ar, current_ar, sales, cash, write_offs, credit_notes, invoices, disputes_opened
    from changes_per_day
    union all
    select collector, currency, day, 0, 0, 0, 0, 0, 0, 0, 0
    from calendar
  )
  group by collector, currency, day
),

final as (
  select
    collector,
    currency,
    day,
    (sum(ar) over to_date)::decimal(18, 2) as ar,
    (sum(current_ar) over to_date)::decimal(18, 2) as current_ar,
    (sum(sales) over to_date)::decimal(18, 2) as sales_to_date,
    (sum(cash) over to_date)::decimal(18, 2) as cash_to_date,
    (sum(write_offs) over to_date)::decimal(18, 2) as write_offs_to_date,
    (sum(credit_notes) over to_date)::decimal(18, 2) as credit_notes_to_date,
    (sum(invoices) over to_date)::bigint as invoices_to_date,
    (sum(disputes_opened) over to_date)::bigint as disputes_opened_to_date
  from per_day
  window to_date as (partition by collector, currency order by day rows between unbounded preceding and current row)
)

select * from final order by collector, currency, day
