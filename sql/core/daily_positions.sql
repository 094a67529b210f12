-- One row per collector's book, currency and calendar day: AR and current AR at the end of the day,
-- and running totals (from the first day of the ledger) of sales, cash, write-offs, credit notes,
-- invoices and disputes, each in that currency (metrics.md "Currencies": figures are converted per
-- currency total). `collector` is the customers' (null: customers without one); the portfolio's
-- figures are the sum over collectors, a collector's book its own rows (marts/kpis, period_kpis).
-- Each day's changes (core/daily_position_changes) summed from the first day.
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

final as (
  select
    c.collector,
    c.currency,
    c.day,
    (sum(coalesce(d.ar, 0)) over to_date)::decimal(18, 2) as ar,
    (sum(coalesce(d.current_ar, 0)) over to_date)::decimal(18, 2) as current_ar,
    (sum(coalesce(d.sales, 0)) over to_date)::decimal(18, 2) as sales_to_date,
    (sum(coalesce(d.cash, 0)) over to_date)::decimal(18, 2) as cash_to_date,
    (sum(coalesce(d.write_offs, 0)) over to_date)::decimal(18, 2) as write_offs_to_date,
    (sum(coalesce(d.credit_notes, 0)) over to_date)::decimal(18, 2) as credit_notes_to_date,
    (sum(coalesce(d.invoices, 0)) over to_date)::bigint as invoices_to_date,
    (sum(coalesce(d.disputes_opened, 0)) over to_date)::bigint as disputes_opened_to_date
  from calendar as c
  left join changes_per_day as d
    on d.collector is not distinct from c.collector and d.currency = c.currency and d.day = c.day
  window to_date as (partition by c.collector, c.currency order by c.day rows between unbounded preceding and current row)
)

select * from final order by collector, currency, day
