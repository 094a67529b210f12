-- Currency conversion (metrics.md "Currencies"). A report in reporting currency R converts each
-- currency's total x of a figure at one date t: x × rate(R, t) / rate(c, t), where rate(c, t) is
-- c's rate with the latest rate_date ≤ t (core/fx_rate_segments). The result keeps 8 decimals
-- (10^-6 of a cent, exact integer arithmetic, no double) so the report rounds to cents once, after
-- adding the currencies. An amount already in R is taken as it is: a ledger of one currency needs
-- no rates. A missing rate fails the query with a reason naming the currency and the date.

create or replace macro fx_rate(c, t) as
  (select max(units_per_base) from fx_rate_segments where currency = c and valid_from <= t::date and valid_until > t::date);

-- x × to_rate / from_rate, from hundredths to 10^-8 units: hugeint products stay below 10^38 for
-- amounts up to 10^15 and rates up to 10^5 units per base
create or replace macro fx_apply(x, from_rate, to_rate) as
  (
    (x::decimal(38, 2) * 100)::hugeint
    * (to_rate::decimal(38, 8) * 100000000)::hugeint
    * 1000000
    // (from_rate::decimal(38, 8) * 100000000)::hugeint
  )::decimal(38, 0) * 0.00000001::decimal(9, 8);

-- to_reporting with the two rates already looked up: c_rate = fx_rate(c, t), r_rate = fx_rate(r, t).
-- Each fx_rate in a query is a correlated subquery that DuckDB plans as a join of its own, so a report
-- converting several figures per (currency, date) looks the rates up once (reporting_rates) and
-- passes them here: half the time of the period reports (docs/benchmarks.md, twelfth session).
create or replace macro to_reporting_at(x, c, r, t, c_rate, r_rate) as
  case
    when x is null then null
    when c = r or x = 0 then x::decimal(38, 8)
    else coalesce(
      fx_apply(x, c_rate, r_rate),
      error('no exchange rate for ' || (case when c_rate is null then c else r end)
        || ' on or before ' || strftime(t::date, '%Y-%m-%d')
        || ': load fx_rates quoting ' || (case when c_rate is null then c else r end))
    )
  end;

create or replace macro to_reporting(x, c, r, t) as to_reporting_at(x, c, r, t, fx_rate(c, t), fx_rate(r, t));

-- One row per (currency, day, report_currency) of `keys` (the name of a CTE or table with those
-- columns): the two rates a conversion of that currency's figures at that day needs.
create or replace macro reporting_rates(keys) as table
select currency, day, report_currency, fx_rate(currency, day) as currency_rate, fx_rate(report_currency, day) as report_rate
from (select distinct currency, day, report_currency from query_table(keys));
