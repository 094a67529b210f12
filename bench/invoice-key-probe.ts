// npx tsx bench/invoice-key-probe.ts --db FILE [--reps 3]
// What an integer invoice key would buy the rebuild, measured before building one: on a copy of a
// built database (FILE is copied, not changed), invoice_flows and balance_segments get an integer key
// (the invoice's rank by id), then the same statements run by the VARCHAR id and by the key, each as
// CREATE TABLE AS (compute and write), alternated --reps times (order reversed every other time): CPU of the process (DuckDB's threads
// run in it) and wall, medians.
//   window   balance_segments' running balance (partition by the invoice, order by day)
//   group    invoice_pay_dates' one pass over the flows (first payment, write-off, paying days)
//   join     recovered_by_days_past_due's payments on the segment holding the day before a period
//   write    invoice_flows written whole: with its VARCHAR id, or with the key in its place
import { copyFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const { values } = parseArgs({ options: { db: { type: 'string' }, reps: { type: 'string', default: '3' } } });
if (!values.db) throw new Error('--db FILE is required (a database whose models are built)');
const copy = join(tmpdir(), `invoice-key-probe-${process.pid}.duckdb`);
copyFileSync(values.db, copy);
const instance = await DuckDBInstance.create(copy);
const c = await instance.connect();
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
await c.run(`
  create table keys as select invoice_id, row_number() over (order by invoice_id)::integer as invoice_key from ledger_invoices;
  create table flows_k as select k.invoice_key, f.* from invoice_flows as f join keys as k using (invoice_id);
  create table segments_k as select k.invoice_key, s.* from balance_segments as s join keys as k using (invoice_id);
`);
const statements = (id: string, flows: string, segments: string) => ({
  window: `select ${id}, effective_date, lead(effective_date) over w as next_flow_on,
      sum(amount) over (w range between unbounded preceding and current row) as balance
    from ${flows} window w as (partition by ${id} order by effective_date)`,
  group: `select ${id},
      min(effective_date) filter (where kind = 'payment') as first_payment_on,
      min(effective_date) filter (where kind = 'write_off') as written_off_on,
      min(effective_date) filter (where kind <> 'write_off') as first_paying_on,
      max(effective_date) filter (where kind <> 'write_off') as last_paying_on,
      sum(-amount) filter (where kind <> 'write_off') as paying_total
    from ${flows} where kind <> 'invoice' group by ${id}`,
  join: `select s.currency, s.due_date, p.amount, date_trunc('week', p.flow_date)::date as period_start
    from (select ${id}, flow_date, -amount as amount from ${flows} where kind = 'payment') as p
    join ${segments} as s on s.${id} = p.${id}
      and date_trunc('week', p.flow_date)::date - 1 >= s.valid_from and date_trunc('week', p.flow_date)::date - 1 < s.valid_until
    where s.balance > 0`,
  write: id === 'invoice_id' ? `select * exclude (invoice_key) from ${flows}` : `select * exclude (invoice_id) from ${flows}`
});
const variants = {
  varchar: statements('invoice_id', 'flows_k', 'segments_k'),
  integer: statements('invoice_key', 'flows_k', 'segments_k')
};
const cpu: Record<string, number[]> = {};
const wall: Record<string, number[]> = {};
for (let rep = 0; rep < Number(values.reps); rep++) {
  // the order reversed every other repetition
  const order = rep % 2 === 0 ? Object.entries(variants) : Object.entries(variants).reverse();
  for (const [variant, sqls] of order) {
    for (const [name, sql] of Object.entries(sqls)) {
      const started = performance.now();
      const before = process.cpuUsage();
      await c.run(`create or replace table probe as ${sql}`);
      const used = process.cpuUsage(before);
      (cpu[`${name} by ${variant}`] ??= []).push((used.user + used.system) / 1000);
      (wall[`${name} by ${variant}`] ??= []).push(performance.now() - started);
    }
  }
}
c.closeSync();
instance.closeSync();
['', '.wal'].forEach((s) => rmSync(copy + s, { force: true }));
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
console.log(
  JSON.stringify(
    {
      reps: Number(values.reps),
      load_average_at_start: load,
      median_cpu_ms: Object.fromEntries(Object.entries(cpu).map(([k, xs]) => [k, median(xs)])),
      median_wall_ms: Object.fromEntries(Object.entries(wall).map(([k, xs]) => [k, median(xs)]))
    },
    null,
    1
  )
);
