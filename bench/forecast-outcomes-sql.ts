// The open invoices' forecast at $1 with what happened to each, baseline (b)'s inputs (the
// customer's and the portfolio's median days late so far), the customer's latest days in the
// history window, and whether a promise stands: the rows bench/forecast-oracle.ts and
// bench/forecast-error-sources.ts break the error down by. `columns` is the select list over
// f (forecast_invoices), p (invoice_pay_dates), h, pf (the medians), w (the window) and `promised`.
export function forecastOutcomesSql(columns: string): string {
  return `with
     forecast as (select * from forecast_invoices($1::date)),
     history as (
       select customer_id, median(paid_on - due_date) as median_late
       from invoice_pay_dates where paid_on <= $1::date group by customer_id
     ),
     portfolio as (select median(paid_on - due_date) as median_late from invoice_pay_dates where paid_on <= $1::date),
     window_hist as (
       select customer_id, count(*) as n, max(days_late) as max_late
       from forecast_history where not was_disputed and paid_on <= $1::date and paid_on > $1::date - 730
       group by customer_id
     ),
     promised as (
       select distinct invoice_id from promise_outcomes
       where activity_date <= $1::date and promised_date + 3 > $1::date
     )
     select
${columns}
     from forecast as f
     join invoice_pay_dates as p using (invoice_id)
     left join history as h on h.customer_id = f.customer_id
     left join window_hist as w on w.customer_id = f.customer_id
     cross join portfolio as pf
     where p.paid_on is not null`;
}
