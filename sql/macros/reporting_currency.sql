-- The reporting currency R of a report (metrics.md "Currencies"; the conversion is
-- sql/marts/to_reporting.sql): the request's currency, else the home currency (RADAR_CURRENCY).
create or replace macro reporting_currency(requested) as
  coalesce(upper(requested), (select currency from home_currency));
