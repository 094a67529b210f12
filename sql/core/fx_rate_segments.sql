-- One row per currency and stretch of days [valid_from, valid_until) over which its rate holds:
-- rate(c, t) is the row of c with the latest rate_date ≤ t (metrics.md "Currencies"), and the base
-- has rate 1 on every day. Few rows (a currency a day at most), so lookups join it by range.
with

rates as (
  select rate_date, currency, units_per_base, base
  from stg_fx_rates
),

quoted as (
  select
    currency,
    rate_date as valid_from,
    lead(rate_date, 1, date '9999-12-31') over (partition by currency order by rate_date) as valid_until,
    units_per_base::decimal(18, 8) as units_per_base
  from rates
  where currency <> base
),

bases as (
  select distinct base as currency, date '0001-01-01' as valid_from, date '9999-12-31' as valid_until, 1::decimal(18, 8) as units_per_base
  from rates
),

final as (
  select currency, valid_from, valid_until, units_per_base from quoted
  union all
  select currency, valid_from, valid_until, units_per_base from bases
)

select * from final order by currency, valid_from
