// DuckDB by hand, for bench/first-answer.ts: read the three CSVs and compute AR, current AR and
// sales (window 90 days) at the latest invoice date in one query, as metrics.md defines them, per
// currency (an invoice's money is in its own currency).
// node bench/duckdb_kpis.mjs DIR
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2].replace(/'/g, "''");
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(`
  with invoices as (select invoice_id, invoice_date, due_date, currency, amount::decimal(18, 2) as amount from read_csv('${dir}/invoices.csv')),
  applied as (
    select invoice_id, payment_date as day, amount::decimal(18, 2) as amount from read_csv('${dir}/payments.csv')
    union all
    select invoice_id, adjustment_date, amount::decimal(18, 2) from read_csv('${dir}/adjustments.csv')
  ),
  d as (select max(invoice_date) as as_of from invoices),
  balances as (
    select i.invoice_id, i.due_date, i.currency, i.amount - coalesce(sum(a.amount), 0) as balance
    from invoices i cross join d left join applied a on a.invoice_id = i.invoice_id and a.day <= d.as_of
    where i.invoice_date <= d.as_of
    group by i.invoice_id, i.due_date, i.currency, i.amount
  )
  select strftime(d.as_of, '%Y-%m-%d') as as_of, c.currency,
    (select sum(balance) from balances b where b.currency = c.currency)::double as ar,
    (select sum(balance) from balances b where b.currency = c.currency and d.as_of - due_date <= 0)::double as current_ar,
    (select sum(amount) from invoices i where i.currency = c.currency and invoice_date between d.as_of - 89 and d.as_of)::double as sales
  from d cross join (select distinct currency from invoices) as c
  order by c.currency`);
const rows = reader.getRowObjectsJson();
console.log(
  JSON.stringify({
    as_of: rows[0].as_of,
    by_currency: rows.map((r) => ({ currency: r.currency, ar: Number(r.ar), current_ar: Number(r.current_ar), sales: Number(r.sales) }))
  })
);
