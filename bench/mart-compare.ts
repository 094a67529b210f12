// The KPI, period and customer marts (to_reporting, kpis, aging, customer_open_balances,
// customer_kpis, period_kpis, aging_by_period, recovery_by_bucket, customer_balances,
// collector_performance) as this tree writes them against a git revision's, on one generated ledger:
// every query is run with this tree's models, then again after the revision's mart files replace
// them, and the rows compared as JSON. For a rewrite that must change no figure. (drift and
// worklist: bench/risk-perf.ts --reference.) With --db, on a database file whose core tables both
// versions read (this tree's views and macros are defined in it first, and are its own at the end).
// npx tsx bench/mart-compare.ts [--reference main] [--invoices 20000 | --db FILE]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { daysBefore } from '../server/as-of.ts';
import { Database } from '../server/db.ts';
import { applyReadModels } from '../server/models.ts';
import { fillWithGeneratedLedger } from '../support/databases.ts';

const { values } = parseArgs({
  options: { reference: { type: 'string', default: 'main' }, invoices: { type: 'string', default: '20000' }, db: { type: 'string' } }
});
// to_reporting first: the marts after it use its macros
const MARTS = [
  'to_reporting',
  'kpis',
  'aging',
  'customer_open_balances',
  'customer_kpis',
  'period_kpis',
  'aging_by_period',
  'recovery_by_bucket',
  'customer_balances',
  'collector_performance'
].map((mart) => `marts/${mart}.sql`);
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

const db = await Database.open(values.db ?? ':memory:');
if (!values.db) await fillWithGeneratedLedger(db, { invoices: Number(values.invoices) });
// a file keeps the macros it was built with: this tree's first
else await db.write((connection) => applyReadModels(connection));
const queries = [
  "select * from kpis('2023-01-01'::date, '2026-11-30'::date, 'week', 90, by_currency := true)",
  "select * from kpis('2023-01-01'::date, '2026-11-30'::date, 'month', 30, reporting := 'EUR')"
];
const collectors = (
  await db.read<{ c: string }>('select distinct collector as c from customers where collector is not null order by 1')
).map((r) => r.c);
const customers = (await db.read<{ c: string }>('select distinct customer_id as c from invoices order by 1 limit 40')).map((r) => r.c);
for (const d of ['2024-06-30', '2025-12-31', '2026-11-22']) {
  for (const c of collectors)
    queries.push(`select * from kpis('${d}'::date, '${d}'::date, 'range', 90, book := ${quote(c)}, by_currency := true)`);
  for (const c of customers) queries.push(`select * from customer_kpis(${quote(c)}, '${d}'::date, 90, reporting := 'GBP')`);
  queries.push(`select * from customer_balances('${d}'::date) order by customer_id`);
  queries.push(`select * from customer_open_balances('${d}'::date, reporting := 'EUR') order by customer_id`);
  queries.push(`select * from aging('${d}'::date, by_currency := true)`);
  for (const c of collectors) queries.push(`select * from aging('${d}'::date, reporting := 'GBP', book := ${quote(c)})`);
  queries.push(`select * from customer_balances('${d}'::date, reporting := 'EUR') order by customer_id`);
  queries.push(`select * from collector_performance('${d}'::date - 90, '${d}'::date, reporting := 'GBP') order by all`);
  // free ranges (core/payment_base_days): a day, a week, a quarter, ending and starting at d, per book and currency
  for (const [from, to] of [
    [d, d],
    [daysBefore(d, 6), d],
    [daysBefore(d, 90), d],
    [d, daysBefore(d, -30)]
  ]) {
    const range = `'${from}'::date, '${to}'::date, 'range'`;
    queries.push(`select * from recovery_by_bucket(${range})`);
    queries.push(`select * from recovery_by_bucket(${range}, reporting := 'EUR')`);
    for (const c of collectors) queries.push(`select * from recovery_by_bucket(${range}, reporting := 'GBP', book := ${quote(c)})`);
  }
}
for (const mart of ['period_kpis', 'aging_by_period', 'recovery_by_bucket']) {
  queries.push(`select * from ${mart}('2023-01-01'::date, '2026-11-30'::date, 'week')`);
  queries.push(`select * from ${mart}('2023-01-01'::date, '2026-11-30'::date, 'month', reporting := 'EUR')`);
  queries.push(`select * from ${mart}('2025-01-01'::date, '2025-03-31'::date, 'range')`);
  for (const c of collectors)
    queries.push(`select * from ${mart}('2025-06-01'::date, '2026-11-22'::date, 'month', reporting := 'GBP', book := ${quote(c)})`);
}
const run = async () => Promise.all(queries.map(async (q) => JSON.stringify(await db.read(q))));
const current = await run();
await db.write(async (connection) => {
  for (const file of MARTS) await connection.run(execFileSync('git', ['show', `${values.reference}:sql/${file}`], { encoding: 'utf8' }));
});
const reference = await run();
const differing = queries.filter((_, i) => current[i] !== reference[i]);
// the free ranges compared hold real recoveries, not only zeros
const rangeRecovered = queries
  .map((q, i) => (q.includes("'range')") || q.includes("'range',") ? (JSON.parse(current[i]!) as { recovered?: number | string }[]) : []))
  .flat()
  .filter((row) => Number(row.recovered ?? 0) !== 0).length;
console.log(`${rangeRecovered} rows of free-range recovery_by_bucket queries with a recovery other than 0`);
console.log(`${queries.length - differing.length} of ${queries.length} queries give the same rows as ${values.reference}`);
for (const q of differing) console.log(`differs: ${q}`);
await db.write(async (connection) => {
  for (const file of MARTS) await connection.run(readFileSync(new URL(`../sql/${file}`, import.meta.url), 'utf8'));
});
db.close();
process.exitCode = differing.length ? 1 : 0;
