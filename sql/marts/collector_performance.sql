-- One row per collector and channel over a period [period_start, period_end] (channel null: the
-- collector's whole row): touches, promises made and kept, the touches followed by a payment of
-- the customer within 7 days, and for the whole row the cash collected from the collector's book
-- and the book's CEI (metrics.md "CEI" over the book's invoices). A touch belongs to the collector
-- named on it, else to its customer's; the book is the customers whose collector it is. Money in
-- the reporting currency: each currency's total of a figure converted at the rates of the period's
-- last day (metrics.md "Currencies"), AR(a − 1) included, so CEI compares like with like.
create or replace macro collector_performance(period_start, period_end, reporting := null) as table
with

customers as (
  select customer_id, collector
  from all_customers
),

touches as (
  select
    a.activity_id,
    a.customer_id,
    a.activity_date,
    a.channel,
    coalesce(a.collector, c.collector) as collector
  from stg_activities as a
  left join customers as c using (customer_id)
  where a.activity_date between period_start::date and period_end::date
),

payments as (
  select customer_id, currency, flow_date as payment_date, -amount as amount
  from invoice_flows
  where kind = 'payment'
),

-- the touches after which the customer paid something within 7 days (the day of the touch included)
followed as (
  select distinct t.activity_id
  from touches as t
  join payments as p
    on p.customer_id = t.customer_id
    and p.payment_date between t.activity_date and t.activity_date + 7
),

-- a promise made in the period counts as kept when core/promise_outcomes says it was kept
touch_facts as (
  select
    t.collector,
    t.channel,
    t.activity_id,
    o.activity_id is not null as is_promise,
    coalesce(o.kept, false) as kept,
    f.activity_id is not null as followed_by_payment
  from touches as t
  left join promise_outcomes as o using (activity_id)
  left join followed as f using (activity_id)
),

touch_rows as (
  select
    collector,
    channel,
    count(*) as touches,
    count(*) filter (where is_promise) as promises_made,
    count(*) filter (where kept) as promises_kept,
    count(*) filter (where followed_by_payment) as touches_followed_by_payment
  from touch_facts
  group by grouping sets ((collector, channel), (collector))
),

-- the book's payments (cash collected) and invoices (sales) dated in the period, per currency
own_flows as (
  select
    c.collector,
    f.currency,
    sum(-f.amount) filter (where f.kind = 'payment') as cash_collected,
    sum(f.amount) filter (where f.kind = 'invoice') as sales
  from invoice_flows as f
  join customers as c using (customer_id)
  where f.kind in ('payment', 'invoice') and f.flow_date between period_start::date and period_end::date
  group by c.collector, f.currency
),

-- AR of the book at a − 1 and at b and current AR at b (metrics.md "CEI"), per currency
own_positions as (
  select
    c.collector,
    s.currency,
    coalesce(sum(s.balance) filter (where s.valid_from <= period_start::date - 1 and period_start::date - 1 < s.valid_until), 0) as ar_before,
    coalesce(sum(s.balance) filter (where s.valid_from <= period_end::date and period_end::date < s.valid_until), 0) as ar_end,
    coalesce(sum(s.balance) filter (where s.valid_from <= period_end::date and period_end::date < s.valid_until and s.due_date >= period_end::date), 0) as current_end
  from balance_segments as s
  join customers as c using (customer_id)
  group by c.collector, s.currency
),

-- each currency's rates at the period's last day, looked up once for every book's figures
rate_keys as (
  select currency, period_end::date as day, reporting_currency(reporting) as report_currency
  from (select currency from own_flows union select currency from own_positions)
),

rates as (
  from reporting_rates('rate_keys')
),

cash as (
  select f.collector, sum(to_reporting_at(f.cash_collected, f.currency, reporting_currency(reporting), period_end, r.currency_rate, r.report_rate)) as cash_collected
  from own_flows as f
  left join rates as r using (currency)
  group by f.collector
),

book_figures as (
  select
    collector,
    sum(to_reporting_at(p.ar_before, p.currency, reporting_currency(reporting), period_end, r.currency_rate, r.report_rate)) as ar_before,
    sum(to_reporting_at(p.ar_end, p.currency, reporting_currency(reporting), period_end, r.currency_rate, r.report_rate)) as ar_end,
    sum(to_reporting_at(p.current_end, p.currency, reporting_currency(reporting), period_end, r.currency_rate, r.report_rate)) as current_end,
    coalesce(sum(to_reporting_at(s.sales, s.currency, reporting_currency(reporting), period_end, r.currency_rate, r.report_rate)), 0) as sales
  from own_positions as p
  full join own_flows as s using (collector, currency)
  left join rates as r on r.currency = coalesce(p.currency, s.currency)
  group by collector
),

book as (
  select
    collector,
    (coalesce(ar_before, 0) + sales - coalesce(ar_end, 0))
      / nullif(coalesce(ar_before, 0) + sales - coalesce(current_end, 0), 0) * 100 as cei
  from book_figures
),

collectors as (
  select collector from touch_rows where channel is null
  union
  select collector from cash
  union
  select collector from book
),

final as (
  select
    k.collector,
    t.channel,
    coalesce(t.touches, 0) as touches,
    coalesce(t.promises_made, 0) as promises_made,
    coalesce(t.promises_kept, 0) as promises_kept,
    coalesce(t.touches_followed_by_payment, 0) as touches_followed_by_payment,
    t.touches_followed_by_payment / nullif(t.touches, 0) as followed_share,
    case when t.channel is null then coalesce(c.cash_collected, 0) end as cash_collected,
    case when t.channel is null then b.cei end as cei
  from collectors as k
  left join touch_rows as t on t.collector is not distinct from k.collector
  left join cash as c on c.collector is not distinct from k.collector
  left join book as b on b.collector is not distinct from k.collector
)

select * from final
