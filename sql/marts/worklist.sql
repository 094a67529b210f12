-- One row per customer that needs a collector at an as-of date (a past-due balance or an open
-- dispute), with its open invoices, the figures behind its priority and the next step of the
-- escalation ladder (sql/seeds/escalation_ladder.csv). collector_name null means every collector.
-- Money columns are in the reporting currency (each customer's currency totals converted at the
-- as-of date); the invoices listed keep their own currency.
create or replace macro worklist(as_of, collector_name, reporting := null) as table
with

settings as (
  from worklist_settings_row
),

-- every customer, whether or not a customers file was loaded (core/all_customers)
customers as (
  select customer_id, name, collector, credit_limit, coalesce(currency, (select currency from home_currency)) as currency
  from all_customers
  where collector_name is null or collector = collector_name
),

ladder as (
  select step, min_days_past_due, coalesce(max_days_past_due, 2147483647) as max_days_past_due, action, channel, cooldown_days
  from escalation_ladder
),

-- balance(i, as_of) of every invoice that exists at as_of
balances as (
  select s.invoice_id, s.customer_id, s.due_date, s.currency, s.balance
  from balance_segments as s
  where s.valid_from <= as_of::date and as_of::date < s.valid_until
),

open_invoices as (
  select
    b.invoice_id,
    b.customer_id,
    b.due_date,
    b.currency,
    b.balance,
    as_of::date - b.due_date as days_past_due,
    in_dispute_at(p.disputed_from, p.dispute_resolved_on, as_of) as in_dispute
  from balances as b
  -- only the invoices whose dispute began by as_of can be in dispute: a join with those few, not
  -- with every invoice of the ledger (10 M rows at 10 M invoices)
  left join (
    select invoice_id, disputed_from, dispute_resolved_on
    from ledger_invoices
    where disputed_from <= as_of::date
  ) as p using (invoice_id)
  join customers as c on c.customer_id = b.customer_id
  where b.balance > 0
),

-- each customer's balances, over-payments and unapplied credits (negative balances) counted against
-- what the customer owes as they are in AR (metrics.md): the worklist's balances are the customer
-- page's (customer_open_balances), converted at the as-of date
converted_balances as (
  select b.customer_id, b.open_balance, b.past_due_balance, b.past_due_debt
  from customer_open_balances(as_of, reporting) as b
  semi join customers using (customer_id)
),

-- the step whose range holds the invoice's days past due: found by its lower bound (an ASOF join)
-- and the upper bound checked after, since a range join (between) over every open invoice sorts them
-- all (15 s of operator time at 10 M invoices, docs/benchmarks.md)
invoice_steps as (
  select
    o.*,
    case
      when o.in_dispute then 'dispute resolution'
      when o.days_past_due > 0 and o.days_past_due <= l.max_days_past_due then l.action
    end as invoice_action
  from open_invoices as o
  asof left join ladder as l on o.days_past_due >= l.min_days_past_due
),

exposure as (
  select
    customer_id,
    max(days_past_due) filter (where days_past_due > 0) as oldest_days_past_due,
    -- the ladder follows the oldest past-due invoice that is not in dispute
    max(days_past_due) filter (where days_past_due > 0 and not in_dispute) as oldest_undisputed_days_past_due,
    count(*) filter (where in_dispute) as open_disputes,
    count(*) filter (where days_past_due > 0) as past_due_invoices
  from invoice_steps
  group by customer_id
),

-- promises as known at as_of (core/promise_outcomes, one grace setting): kept once their payments
-- reach the promised amount by as_of, broken once the grace has passed without that
promise_outcomes_at as (
  select
    activity_id,
    customer_id,
    promised_date,
    promised_amount,
    grace_until,
    coalesce(kept_on <= as_of::date, false) as kept
  from promise_outcomes
  where activity_date <= as_of::date
    -- older promises can neither park an item nor count as recently broken
    and promised_date > as_of::date - (select broken_promise_days + promise_grace_days from settings)::integer
),

promise_summary as (
  select
    customer_id,
    count(*) filter (where not kept and grace_until < as_of::date
                       and promised_date > as_of::date - (select broken_promise_days from settings)::integer) as broken_promises,
    -- a pending promise parks the customer until its grace ends
    max(grace_until) filter (where not kept and grace_until >= as_of::date) as parked_until,
    arg_max(promised_date, grace_until) filter (where not kept and grace_until >= as_of::date) as promised_date
  from promise_outcomes_at
  group by customer_id
),

-- the amount of the pending promise whose grace ends last; of several that end the same day, the
-- first recorded (lowest activity_id). arg_max(promised_amount, grace_until) took whichever came
-- first in the rows as they arrived, which was that one as long as the plan kept file order.
pending_amounts as (
  select customer_id, promised_amount
  from promise_outcomes_at
  where not kept and grace_until >= as_of::date
  qualify row_number() over (partition by customer_id order by grace_until desc, activity_id) = 1
),

last_touch as (
  select customer_id, arg_max(channel, activity_date) as last_channel, max(activity_date) as last_activity_date
  from stg_activities
  where activity_date <= as_of::date
  group by customer_id
),

drift_scores as (
  select customer_id, score
  from drift(as_of)
),

-- the step of the ladder the oldest undisputed past-due invoice calls for, moved up one step (the
-- setting broken_promise_steps) per promise broken in the last broken_promise_days, at most to the
-- last step: a customer who broke their word gets the firmer contact now, not when the invoice
-- has aged into it (docs/drift.md "Broken promises")
ladder_position as (
  select
    e.customer_id,
    least(l.step + coalesce(ps.broken_promises, 0) * s.broken_promise_steps::integer, (select max(step) from ladder)) as step
  from exposure as e
  join ladder as l on e.oldest_undisputed_days_past_due between l.min_days_past_due and l.max_days_past_due
  cross join settings as s
  left join promise_summary as ps using (customer_id)
),

-- the rates of the customers' currencies at as_of, looked up once, not per customer (to_reporting)
credit_rate_keys as (
  select currency, as_of::date as day, reporting_currency(reporting) as report_currency
  from customers
),

credit_rates as (
  from reporting_rates('credit_rate_keys')
),

past_due_scale as (
  -- of the past-due invoices alone (before credits), as the scale was before currencies
  select coalesce(quantile_cont(past_due_debt, 0.9) filter (where past_due_debt > 0), 1) as p90
  from converted_balances
),

items as (
  select
    e.customer_id,
    c.name,
    c.collector,
    c.credit_limit,
    m.open_balance,
    m.past_due_balance,
    e.oldest_days_past_due,
    e.oldest_undisputed_days_past_due,
    e.open_disputes,
    e.past_due_invoices,
    coalesce(d.score, 0) as drift_score,
    coalesce(ps.broken_promises, 0) as broken_promises,
    ps.parked_until,
    ps.promised_date,
    pa.promised_amount,
    t.last_channel,
    t.last_activity_date,
    -- the credit limit is in the customer's currency
    m.open_balance / nullif(
      to_reporting_at(c.credit_limit, c.currency, reporting_currency(reporting), as_of, cr.currency_rate, cr.report_rate), 0
    ) as credit_use,
    l.action as ladder_action,
    l.channel as ladder_channel,
    l.cooldown_days
  from exposure as e
  join customers as c using (customer_id)
  cross join past_due_scale as s
  left join drift_scores as d using (customer_id)
  left join promise_summary as ps using (customer_id)
  left join pending_amounts as pa using (customer_id)
  left join last_touch as t using (customer_id)
  left join credit_rates as cr on cr.currency = c.currency
  join converted_balances as m using (customer_id)
  left join ladder_position as lp using (customer_id)
  left join ladder as l on l.step = lp.step
  where m.past_due_balance > 0 or e.open_disputes > 0
),

-- the open invoices of the customers on the list only (about two in five customers with open
-- invoices are not on it), oldest first: list(... order by ...) sorts group by group and is slow
-- for many groups; one list sorted on a leading key gives the same order
invoice_lists as (
  select
    customer_id,
    list_transform(
      list_sort(
        list({
          'days_before': -days_past_due,
          'id': invoice_id,
          'item': {
            'invoice_id': invoice_id,
            'due_date': strftime(due_date, '%Y-%m-%d'),
            'currency': currency,
            'balance': round(balance, 2)::double,
            'days_past_due': days_past_due::integer,
            'in_dispute': in_dispute,
            'next_action': invoice_action
          }
        }),
        'ASC',
        'NULLS LAST'
      ),
      x -> x.item
    ) as invoices
  from invoice_steps
  semi join items using (customer_id)
  group by customer_id
),

scored as (
  select
    i.*,
    cfg.weight_past_due_balance * least(i.past_due_balance / s.p90, 1)
      + cfg.weight_days_past_due * least(coalesce(i.oldest_days_past_due, 0) / 90, 1)
      + cfg.weight_drift * i.drift_score / 100
      + cfg.weight_broken_promises * least(i.broken_promises / 2, 1)
      + cfg.weight_disputes * least(i.open_disputes / 2, 1)
      + cfg.weight_credit_use * least(greatest(coalesce(i.credit_use, 0) - 0.5, 0) / 0.5, 1) as base_priority,
    cfg.parked_factor,
    -- the same channel again too soon: no second call the day after a call
    case
      when i.last_channel = i.ladder_channel and as_of::date < i.last_activity_date + i.cooldown_days::integer
        then i.last_activity_date + i.cooldown_days::integer
    end as cooldown_until
  from items as i
  cross join past_due_scale as s
  cross join settings as cfg
),

final as (
  select
    customer_id,
    name,
    collector,
    round(base_priority * (case when parked_until is not null then parked_factor else 1 end), 1) as priority,
    round(open_balance, 2)::double as open_balance,
    round(past_due_balance, 2)::double as past_due_balance,
    coalesce(oldest_days_past_due, 0)::integer as oldest_days_past_due,
    drift_score::double as drift_score,
    case
      when parked_until is not null then 'wait for promised payment'
      when ladder_action is null then 'dispute resolution'
      when cooldown_until is not null then 'wait'
      else ladder_action
    end as next_action,
    case
      when parked_until is not null then parked_until + 1
      when cooldown_until is not null then cooldown_until
      else as_of::date
    end as next_action_on,
    ladder_action,
    broken_promises::integer as broken_promises,
    open_disputes::integer as open_disputes,
    past_due_invoices::integer as past_due_invoices,
    round(credit_use, 4)::double as credit_use,
    parked_until,
    promised_date,
    round(promised_amount, 2)::double as promised_amount,
    last_channel,
    last_activity_date,
    l.invoices
  from scored
  left join invoice_lists as l using (customer_id)
)

select * from final
