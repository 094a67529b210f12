// npx tsx bench/forecast-bias.ts [--db FILE | --invoices 20000 --seed 42] [--as-of 2026-11-22]
//   [--weekdays FROM,TO] [--groups DATE,DATE,...]
// Whether the weekly cash forecast is above or below the cash that came in, and where, on a generated
// ledger (by default the end-to-end test's: 20,000 invoices, seed 42, generated into a temporary
// file unless --db names one already built; two processes cannot open one DuckDB file).
// - always: the overview's last 13 weeks at --as-of (forecastHistory: each week forecast the day
//   before it began, a Sunday), with WAPE, the weeks inside the 80 % interval and the weeks above.
// - --weekdays FROM,TO: for every as-of date from FROM to TO, week 1's forecast (unconverted) against
//   the cash that came in on the invoices open at it, summed by the weekday of the as-of date.
// - --groups: at each date listed, weeks 1–4 forecast against cash by what the open invoice was at the
//   date (open dispute, or how late), summed over the dates.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { forecastHistory, forecastWeeks } from '../server/queries/forecast.ts';
import { openFixtureDb } from '../support/databases.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    invoices: { type: 'string' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    weekdays: { type: 'string' },
    groups: { type: 'string' }
  }
});
const AS_OF = values['as-of'] ?? '2026-11-22';
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
const pct = (x: number) => `${x > 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;

async function overview(db: Database): Promise<void> {
  const h = await forecastHistory(db, { as_of: AS_OF, weeks: 13 });
  console.log(
    `overview at ${AS_OF} (${h.currency}): WAPE ${(100 * (h.wape ?? 0)).toFixed(1)} %, ${(100 * (h.coverage ?? 0)).toFixed(0)} % of weeks inside the 80 % interval`
  );
  console.log('| week | forecast | low | high | cash | forecast − cash |');
  console.log('|---|---|---|---|---|---|');
  for (const w of h.weeks)
    console.log(`| ${w.from} | ${w.expected} | ${w.low} | ${w.high} | ${w.actual} | ${pct(w.expected / w.actual - 1)} |`);
  const forecast = h.weeks.reduce((s, w) => s + w.expected, 0);
  const cash = h.weeks.reduce((s, w) => s + w.actual, 0);
  console.log(
    `forecast above the cash in ${h.weeks.filter((w) => w.expected > w.actual).length} of ${h.weeks.length} weeks; in all ${pct(forecast / cash - 1)}\n`
  );
}

async function cashIn(db: Database, asOf: string, days: number): Promise<number> {
  const [row] = await db.read<{ cash: number }>(
    `select coalesce(sum(-amount), 0)::double as cash from invoice_flows
     where kind = 'payment' and invoice_date <= $1::date and flow_date between $1::date + 1 and $1::date + ${days}`,
    [asOf]
  );
  return row.cash;
}

async function weekdays(db: Database, from: string, to: string): Promise<void> {
  const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const sums = names.map(() => ({ forecast: 0, cash: 0, dates: 0 }));
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const [week] = await forecastWeeks(db, d, 1, null);
    const s = sums[new Date(d + 'T00:00:00Z').getUTCDay()];
    s.forecast += week.expected;
    s.cash += await cashIn(db, d, 7);
    s.dates++;
  }
  console.log(`week 1 by the weekday of the as-of date, ${from} … ${to}`);
  console.log('| as-of date on a | dates | forecast − cash |');
  console.log('|---|---|---|');
  sums.forEach((s, i) => console.log(`| ${names[i]} | ${s.dates} | ${pct(s.forecast / s.cash - 1)} |`));
  console.log('');
}

async function groups(db: Database, dates: string[]): Promise<void> {
  const sums = new Map<string, { forecast: number; cash: number }>();
  for (const d of dates) {
    const rows = await db.read<{ grp: string; week: number; forecast: number; cash: number }>(
      `with
       model as (select * from forecast_model($1::date, 4)),
       disputed as (
         select invoice_id from invoice_pay_dates
         where disputed_on <= $1::date and (dispute_resolved_on is null or dispute_resolved_on > $1::date)
       ),
       grp as (
         select invoice_id, case
           when invoice_id in (select invoice_id from disputed) then 'in open dispute'
           when $1::date - due_date < -7 then 'due in 8+ days'
           when $1::date - due_date < 0 then 'due in 1-7 days'
           when $1::date - due_date <= 30 then '0-30 days late'
           when $1::date - due_date <= 90 then '31-90 days late'
           else '91+ days late' end as grp
         from model where week is null
       ),
       forecast as (select g.grp, m.week, sum(m.balance * m.share)::double as forecast from model as m join grp as g using (invoice_id) where m.week is not null group by all),
       cash as (
         select g.grp, ((f.flow_date - $1::date - 1) // 7 + 1)::integer as week, sum(-f.amount)::double as cash
         from invoice_flows as f join grp as g using (invoice_id)
         where f.kind = 'payment' and f.flow_date > $1::date and f.flow_date <= $1::date + 28 group by all
       )
       select grp, week, coalesce(forecast, 0) as forecast, coalesce(cash, 0) as cash from forecast full join cash using (grp, week)`,
      [d]
    );
    for (const r of rows)
      for (const key of [`${r.grp}|week ${r.week}`, `all|week ${r.week}`, `${r.grp}|weeks 1-4`]) {
        const s = sums.get(key) ?? { forecast: 0, cash: 0 };
        s.forecast += r.forecast;
        s.cash += r.cash;
        sums.set(key, s);
      }
  }
  console.log(`weeks 1–4 by what the open invoice was at the date, summed over ${dates.join(', ')}`);
  console.log('| invoices | week | forecast | cash | forecast − cash |');
  console.log('|---|---|---|---|---|');
  for (const [key, s] of [...sums].sort())
    console.log(`| ${key.split('|').join(' | ')} | ${s.forecast.toFixed(0)} | ${s.cash.toFixed(0)} | ${pct(s.forecast / s.cash - 1)} |`);
  console.log('');
}

async function main() {
  const file = values.db ?? join(tmpdir(), `radar-forecast-bias-${process.pid}.duckdb`);
  const db = values.db
    ? await Database.open(file)
    : await openFixtureDb(file, { invoices: Number(values.invoices ?? 20000), seed: Number(values.seed ?? 42) });
  try {
    await overview(db);
    if (values.weekdays) {
      const [from, to] = values.weekdays.split(',');
      await weekdays(db, from, to);
    }
    if (values.groups) await groups(db, values.groups.split(','));
  } finally {
    db.close();
    if (!values.db) rmSync(file, { force: true });
  }
}

await main();
