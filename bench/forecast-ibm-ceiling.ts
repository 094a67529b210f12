// npx tsx bench/forecast-ibm-ceiling.ts: how far the IBM sample's late/not-late accuracy can go, and
// the facts behind steps 5 and 11 of docs/forecast.md ("IBM's targets" under "Choices measured").
// On the invoice-dates bench/eval-forecast.ts classifies (open at a replay month-end, due on or after
// it), the model's accuracy beside what the cells customer × delivery channel × dispute say: each
// invoice called by its cell's majority with the whole sample known (look-ahead: a ceiling, not a
// forecast), and by its cell's late share as known at the date (paid by then: no model). Then, over
// the whole sample: the cells' majority with and without the invoice itself, the within-customer
// difference between the channels, the days a dispute adds to a customer's habit per channel, the
// customers that changed channel, the channels' effects at the replay dates (as forecast_points'
// channel_effects computes them), and the correlation of what is left with the invoice's amount and
// dates. Analysis only: it changes nothing the evaluation scores.
import type { Database } from '../server/db.ts';
import { ibmSampleDatabase } from '../support/databases.ts';
import { REPLAY_DATES } from './forecast-eval-metrics.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number, digits = 2) => x.toFixed(digits);

async function one<T extends Record<string, unknown>>(db: Database, sql: string): Promise<T> {
  return (await db.read<T>(sql))[0]!;
}

async function main() {
  const db = await ibmSampleDatabase();
  try {
    await db.write((c) =>
      c.run(`create table settled as
        select i.invoice_id, i.customer_id, coalesce(i.delivery_channel, '') as channel, i.disputed, i.amount::double as amount,
          i.invoice_date, p.due_date, p.paid_on, (p.paid_on - p.due_date)::integer as days_late, p.paid_on > p.due_date as late
        from stg_invoices as i join invoice_pay_dates as p using (invoice_id)
        where p.paid_on is not null`)
    );
    await db.write((c) =>
      c.run(`create table cells as
        select customer_id, channel, disputed, count(*) as n, sum(late::integer) as lates from settled group by all`)
    );
    await db.write((c) =>
      c.run(
        `create table scored (as_of date, invoice_id varchar, customer_id varchar, channel varchar, disputed boolean, p double, late boolean)`
      )
    );
    for (const d of REPLAY_DATES.ibm) {
      await db.write((c) =>
        c.run(
          `insert into scored
           select $1::date, f.invoice_id, f.customer_id, s.channel, s.disputed, f.late_probability, s.late
           from forecast_invoices($1::date) as f join settled as s using (invoice_id)
           where f.due_date >= $1::date`,
          [d]
        )
      );
    }
    const dates = await one<{
      n: number;
      model: number;
      cell: number;
      known: number;
      agree: number;
      cellRight: number;
      modelRight: number;
    }>(
      db,
      `select
         count(*)::integer as n,
         avg(((s.p >= 0.5) = s.late)::integer) as model,
         avg(((c.lates >= 0.5 * c.n) = s.late)::integer) as cell,
         avg(((coalesce(k.share, 0.5) >= 0.5) = s.late)::integer) as known,
         count(*) filter (where (s.p >= 0.5) = (c.lates >= 0.5 * c.n))::integer as agree,
         count(*) filter (where (s.p >= 0.5) <> (c.lates >= 0.5 * c.n) and (c.lates >= 0.5 * c.n) = s.late)::integer as cellRight,
         count(*) filter (where (s.p >= 0.5) <> (c.lates >= 0.5 * c.n) and (s.p >= 0.5) = s.late)::integer as modelRight
       from scored as s
       join cells as c using (customer_id, channel, disputed)
       left join lateral (
         select avg(h.late::integer) as share from settled as h
         where h.customer_id = s.customer_id and h.channel = s.channel and h.disputed = s.disputed and h.paid_on <= s.as_of
       ) as k on true`
    );
    console.log(`IBM, ${dates.n} invoice-dates not yet due at the ${REPLAY_DATES.ibm.length} replay month-ends (late when p >= 0.5):`);
    console.log(`  the model                                                     ${pct(dates.model)}`);
    console.log(`  its cell's majority, whole sample known (look-ahead ceiling)  ${pct(dates.cell)}`);
    console.log(`  its cell's late share as known at the date (no model)         ${pct(dates.known)}`);
    console.log(
      `  model and whole-sample cell disagree on ${dates.n - dates.agree}: the cell right on ${dates.cellRight}, the model on ${dates.modelRight}`
    );

    const whole = await one<{ n: number; insample: number; loo_n: number; loo: number }>(
      db,
      `select
         count(*)::integer as n,
         avg(((c.lates >= 0.5 * c.n) = s.late)::integer) as insample,
         count(*) filter (where c.n > 1)::integer as loo_n,
         avg((((c.lates - s.late::integer) >= 0.5 * (c.n - 1)) = s.late)::integer) filter (where c.n > 1) as loo
       from settled as s join cells as c using (customer_id, channel, disputed)`
    );
    console.log(`\nWhole sample, ${whole.n} invoices: the cell's majority ${pct(whole.insample)} with the invoice itself,`);
    console.log(`  ${pct(whole.loo)} without it (the ${whole.loo_n} invoices whose cell has another)`);

    const channel = await db.read<{ disputed: boolean; customers: number; mean: number; sd: number }>(
      `select disputed, count(*)::integer as customers, avg(diff) as mean, stddev(diff) as sd
       from (
         select customer_id, disputed, avg(days_late) filter (where channel = 'electronic') - avg(days_late) filter (where channel = 'paper') as diff
         from settled group by all
       )
       where diff is not null
       group by disputed order by disputed`
    );
    console.log('\nElectronic less paper, within customer (mean days late per channel):');
    for (const r of channel)
      console.log(
        `  ${r.disputed ? 'disputed  ' : 'undisputed'}: ${num(r.mean)} days, standard deviation ${num(r.sd)}, ${r.customers} customers`
      );

    const excess = await db.read<{ channel: string; n: number; excess: number }>(
      `select s.channel, count(*)::integer as n, avg(s.days_late - h.habit) as excess
       from settled as s
       join (select customer_id, avg(days_late) as habit from settled where not disputed group by all) as h using (customer_id)
       where s.disputed
       group by all order by all`
    );
    console.log("\nA disputed invoice's days late less its customer's undisputed mean:");
    for (const r of excess) console.log(`  ${r.channel}: ${num(r.excess)} days (${r.n} invoices)`);

    const switches = await one<{ changed: number; back: number; customers: number }>(
      db,
      `select
         count(distinct customer_id) filter (where previous <> channel)::integer as changed,
         count(*) filter (where previous = 'electronic' and channel = 'paper')::integer as back,
         count(distinct customer_id)::integer as customers
       from (select customer_id, channel, lag(channel) over (partition by customer_id order by invoice_date, invoice_id) as previous from settled)`
    );
    console.log(
      `\n${switches.changed} of ${switches.customers} customers changed channel; changes from electronic back to paper: ${switches.back}`
    );

    // the channels' effects as forecast_points' channel_effects has them at each date (undisputed
    // invoices paid in the history window; 30 = segment_min_invoices, the setting it reads)
    const effects = await db.read<{ as_of: string; effects: string }>(
      `select d::varchar as as_of, (
         select string_agg(channel || ' ' || effect, ', ' order by channel) from (
           select channel, round(median(dev))::integer as effect
           from (
             select channel, n, m - median(m) over (partition by customer_id) as dev, count(*) over (partition by customer_id) as channels
             from (
               select customer_id, channel, median(days_late) as m, count(*) as n
               from forecast_history
               where not was_disputed and paid_on <= d and paid_on > d - (select history_days::integer from forecast_settings_row)
               group by all
             )
           )
           where channels > 1
           group by channel
           having sum(n) >= (select segment_min_invoices from forecast_settings_row)
         )
       ) as effects
       from (select unnest([${REPLAY_DATES.ibm.map((d) => `'${d}'::date`).join(', ')}]) as d)
       order by d`
    );
    console.log("\nThe channels' effects at the replay dates (days):");
    for (const r of effects) console.log(`  ${r.as_of}: ${r.effects ?? 'none'}`);

    const residual = await one<{ amount: number; day: number; month: number; weekday: number; n: number; sd: number; sd_disputed: number }>(
      db,
      `select count(*)::integer as n, stddev(r) filter (where not disputed) as sd, stddev(r) filter (where disputed) as sd_disputed,
         corr(r, amount) as amount, corr(r, day(invoice_date)) as day,
         corr(r, month(invoice_date)) as month, corr(r, isodow(invoice_date)) as weekday
       from (
         select *, days_late - avg(days_late) over (partition by customer_id, channel, disputed) as r,
           count(*) over (partition by customer_id, channel, disputed) as k
         from settled
       )
       where k > 3`
    );
    console.log(
      `\nDays late less the mean of their cell (${residual.n} invoices in cells of 4 or more): standard deviation ${num(residual.sd)} ` +
        `(disputed ${num(residual.sd_disputed)}); correlation with the amount ${num(residual.amount, 3)}, ` +
        `the invoice's day of the month ${num(residual.day, 3)}, month ${num(residual.month, 3)}, weekday ${num(residual.weekday, 3)}`
    );
  } finally {
    db.close();
  }
}

await main();
