// The demo/benchmark ledger generator: determinism, the canonical shape, the
// sign and reference rules, and the drift ground truth, checked in DuckDB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../data/generator/index.ts';

const END = '2026-11-22';
const work = mkdtempSync(join(tmpdir(), 'radar-generator-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The tables with explicit types, so a malformed date or amount fails the load instead of becoming text.
const TYPES: Record<string, string> = {
  customers: `{'customer_id':'varchar','name':'varchar','segment':'varchar','country':'varchar','currency':'varchar','credit_limit':'decimal(18,2)','terms_days':'integer','collector':'varchar'}`,
  invoices: `{'invoice_id':'varchar','customer_id':'varchar','invoice_date':'date','due_date':'date','amount':'decimal(18,2)','currency':'varchar','po_number':'varchar','disputed_on':'date','dispute_resolved_on':'date'}`,
  payments: `{'payment_id':'varchar','invoice_id':'varchar','customer_id':'varchar','payment_date':'date','amount':'decimal(18,2)','method':'varchar'}`,
  adjustments: `{'adjustment_id':'varchar','invoice_id':'varchar','adjustment_date':'date','amount':'decimal(18,2)','kind':'varchar','reason':'varchar'}`,
  activities: `{'activity_id':'varchar','customer_id':'varchar','activity_date':'date','channel':'varchar','invoice_id':'varchar','collector':'varchar','outcome':'varchar','promised_date':'date','promised_amount':'decimal(18,2)','cost':'decimal(18,2)'}`,
  costs: `{'cost_date':'date','category':'varchar','amount':'decimal(18,2)','note':'varchar'}`,
  drift_truth: `{'customer_id':'varchar','slowdown_start':'date','extra_days_late':'integer'}`,
  fx_rates: `{'rate_date':'date','currency':'varchar','units_per_base':'decimal(18,8)','base':'varchar'}`
};

async function openLedger(dir: string): Promise<DuckDBConnection> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  for (const [table, columns] of Object.entries(TYPES)) {
    await connection.run(
      `create table ${table} as select * from read_csv('${join(dir, `${table}.csv`)}', header = true, columns = ${columns})`
    );
  }
  return connection;
}

/** Each count of the first row (a column per rule broken) is 0; the message names them all. */
async function expectAllZero(connection: DuckDBConnection, sql: string): Promise<void> {
  const r = await one(connection, sql);
  expect(
    Object.values(r).every((v) => v === 0),
    JSON.stringify(r)
  ).toBe(true);
}

/** First row of a query, numbers as numbers. */
async function one(connection: DuckDBConnection, sql: string): Promise<Record<string, number>> {
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJson();
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, v === null ? NaN : Number(v)]));
}

describe('determinism', () => {
  it('writes byte-identical files for the same seed and options, different ones for another seed', async () => {
    const options = { invoices: 3000, seed: 7 };
    const a = await generateLedger({ ...options, out: join(work, 'a') });
    const b = await generateLedger({ ...options, out: join(work, 'b') });
    const c = await generateLedger({ ...options, seed: 8, out: join(work, 'c') });
    for (const table of Object.keys(a.files) as (keyof typeof a.files)[]) {
      expect(readFileSync(b.files[table]).equals(readFileSync(a.files[table])), table).toBe(true);
    }
    expect(readFileSync(c.files.invoices).equals(readFileSync(a.files.invoices))).toBe(false);
  });
});

describe('a 20,000-invoice ledger', () => {
  let ledger: GeneratedLedger;
  let db: DuckDBConnection;

  beforeAll(async () => {
    ledger = await generateLedger({ out: join(work, 'main'), invoices: 20_000, seed: 42 });
    db = await openLedger(ledger.dir);
    // Settlement per metrics.md: the first day the balance reaches <= 0 (payments and adjustments both count).
    await db.run(`
      create table settled as
      with flows as (
        select invoice_id, payment_date as day, amount from payments
        union all select invoice_id, adjustment_date, amount from adjustments
      ), running as (
        select i.invoice_id, i.customer_id, i.due_date, i.amount, f.day,
          i.amount - sum(f.amount) over (partition by i.invoice_id order by f.day) as balance
        from invoices i join flows f using (invoice_id)
      )
      select invoice_id, customer_id, due_date, amount, min(day) as settled_on
      from running where balance <= 0 group by all`);
    await db.run(`
      create table balances as
      select i.*, i.amount - coalesce((select sum(amount) from payments p where p.invoice_id = i.invoice_id), 0)
                           - coalesce((select sum(amount) from adjustments a where a.invoice_id = i.invoice_id), 0) as balance
      from invoices i`);
  });

  it('writes exactly the requested invoices and the canonical headers', () => {
    expect(ledger.summary.rows.invoices).toBe(20_000);
    const header = (table: keyof typeof ledger.files) => readFileSync(ledger.files[table], 'utf8').split('\n', 1)[0];
    expect(header('customers')).toBe('customer_id,name,segment,country,currency,credit_limit,terms_days,collector');
    expect(header('invoices')).toBe(
      'invoice_id,customer_id,invoice_date,due_date,amount,currency,po_number,disputed_on,dispute_resolved_on'
    );
    expect(header('payments')).toBe('payment_id,invoice_id,customer_id,payment_date,amount,method');
    expect(header('adjustments')).toBe('adjustment_id,invoice_id,adjustment_date,amount,kind,reason');
    expect(header('activities')).toBe(
      'activity_id,customer_id,activity_date,channel,invoice_id,collector,outcome,promised_date,promised_amount,cost'
    );
    expect(header('costs')).toBe('cost_date,category,amount,note');
    expect(header('drift_truth')).toBe('customer_id,slowdown_start,extra_days_late');
  });

  it('writes every amount with two decimals and a point', () => {
    const amounts = readFileSync(ledger.files.payments, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[4]);
    expect(amounts.length).toBeGreaterThan(20_000);
    expect(amounts.filter((a) => !/^\d+\.\d\d$/.test(a))).toEqual([]);
  });

  it('keeps ids unique and every reference resolvable', async () => {
    await expectAllZero(
      db,
      `select
      (select count(*) - count(distinct customer_id) from customers) as dup_customers,
      (select count(*) - count(distinct invoice_id) from invoices) as dup_invoices,
      (select count(*) - count(distinct payment_id) from payments) as dup_payments,
      (select count(*) - count(distinct adjustment_id) from adjustments) as dup_adjustments,
      (select count(*) - count(distinct activity_id) from activities) as dup_activities,
      (select count(*) from invoices where customer_id not in (select customer_id from customers)) as orphan_invoices,
      (select count(*) from payments p left join invoices i using (invoice_id) where i.invoice_id is null or i.customer_id <> p.customer_id) as orphan_payments,
      (select count(*) from adjustments where invoice_id not in (select invoice_id from invoices)) as orphan_adjustments,
      (select count(*) from activities where customer_id not in (select customer_id from customers)
          or (invoice_id is not null and invoice_id not in (select invoice_id from invoices))) as orphan_activities,
      (select count(*) from drift_truth) - (select count(*) from customers) as truth_minus_customers,
      (select count(*) from drift_truth where customer_id not in (select customer_id from customers)) as orphan_truth`
    );
  });

  it('keeps every amount positive and every date in order and inside the calendar', async () => {
    await expectAllZero(
      db,
      `select
      (select count(*) from invoices where amount <= 0 or due_date < invoice_date
          or invoice_date < date '2023-11-01' or invoice_date > date '${END}') as bad_invoices,
      (select count(*) from payments p join invoices i using (invoice_id)
          where p.amount <= 0 or payment_date < invoice_date or payment_date > date '${END}') as bad_payments,
      (select count(*) from adjustments a join invoices i using (invoice_id) where a.amount <= 0
          or adjustment_date < invoice_date or adjustment_date > date '${END}' or kind not in ('credit_note', 'write_off')) as bad_adjustments,
      (select count(*) from activities where cost <= 0 or promised_amount <= 0 or activity_date > date '${END}'
          or promised_date < activity_date) as bad_activities,
      (select count(*) from costs where amount <= 0 or cost_date > date '${END}') as bad_costs,
      (select count(*) from invoices where dispute_resolved_on < disputed_on
          or (dispute_resolved_on is not null and disputed_on is null)) as bad_disputes,
      (select count(*) from invoices i join customers c using (customer_id) where i.currency <> c.currency) as mixed_currency`
    );
  });

  it('writes a rate against USD for every billed currency on every business day of the calendar', async () => {
    const r = await one(
      db,
      `select
      (select count(*) from (select distinct currency from invoices) where currency not in (select currency from fx_rates)) as unrated_currencies,
      (select count(*) from fx_rates where base <> 'USD' or units_per_base <= 0 or (currency = 'USD' and units_per_base <> 1)) as bad_rates,
      (select count(*) - count(distinct (currency, rate_date)) from fx_rates) as duplicate_rates,
      (select count(*) from fx_rates where dayofweek(rate_date) in (0, 6)) as weekend_rates,
      (select min(rate_date) <= date '2023-11-01' and max(rate_date) >= date '${END}' - 3 from fx_rates)::int as covers_span,
      (select max(rate_date) <= date '${END}' from fx_rates)::int as nothing_after_end,
      -- business days from 2023-10-25 (a week before the first invoice) to 2026-11-20 (the last weekday): 803, for each of 3 currencies
      (select count(*) from fx_rates) as rates,
      (select min(units_per_base) from fx_rates where currency = 'EUR') as eur_low,
      (select max(units_per_base) from fx_rates where currency = 'EUR') as eur_high,
      (select min(units_per_base) from fx_rates where currency = 'GBP') as gbp_low,
      (select max(units_per_base) from fx_rates where currency = 'GBP') as gbp_high`
    );
    expect(r).toMatchObject({
      unrated_currencies: 0,
      bad_rates: 0,
      duplicate_rates: 0,
      weekend_rates: 0,
      covers_span: 1,
      nothing_after_end: 1,
      rates: 3 * 803
    });
    // plausible levels: a euro-dollar and a pound-dollar rate that wander, not explode
    expect(r.eur_low).toBeGreaterThan(0.75);
    expect(r.eur_high).toBeLessThan(1.1);
    expect(r.gbp_low).toBeGreaterThan(0.65);
    expect(r.gbp_high).toBeLessThan(0.95);
    expect(r.eur_high - r.eur_low).toBeGreaterThan(0.03);
  });

  it('writes about 1.2 payment rows per invoice', async () => {
    const { ratio } = await one(db, 'select (select count(*) from payments) / (select count(*) from invoices) as ratio');
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.3);
  });

  it('leaves some balances negative, some open (recent and old), some written off', async () => {
    const r = await one(
      db,
      `select
      count(*) filter (where balance < 0) as negative,
      count(*) filter (where balance > 0 and due_date >= date '${END}' - 30) as open_recent,
      count(*) filter (where balance > 0 and due_date < date '${END}' - 180) as open_old,
      (select count(distinct invoice_id) from adjustments where kind = 'write_off') as written_off,
      (select count(*) from adjustments where kind = 'credit_note') as credit_notes,
      count(*) filter (where disputed_on is not null and dispute_resolved_on is null) as open_disputes,
      count(*) filter (where dispute_resolved_on is not null) as resolved_disputes,
      count(*) as invoices
      from balances`
    );
    expect(r.negative).toBeGreaterThan(20);
    expect(r.negative / r.invoices).toBeLessThan(0.02);
    expect(r.open_recent).toBeGreaterThan(200);
    expect(r.open_old).toBeGreaterThan(20);
    expect(r.written_off).toBeGreaterThan(100);
    expect(r.credit_notes).toBeGreaterThan(100);
    expect(r.resolved_disputes).toBeGreaterThan(r.open_disputes);
    expect(r.open_disputes).toBeGreaterThan(0);
  });

  it('marks 8-18% of customers as slowing, with start dates in the last two years', async () => {
    const r = await one(
      db,
      `select count(*) as customers, count(slowdown_start) as slowing,
      min(slowdown_start) - date '${END}' as earliest, max(slowdown_start) - date '${END}' as latest,
      min(extra_days_late) filter (where slowdown_start is not null) as min_extra,
      max(extra_days_late) filter (where slowdown_start is null) as steady_extra
      from drift_truth`
    );
    expect(r.slowing / r.customers).toBeGreaterThan(0.08);
    expect(r.slowing / r.customers).toBeLessThan(0.18);
    expect(r.earliest).toBeGreaterThanOrEqual(-730);
    expect(r.latest).toBeLessThanOrEqual(-60);
    expect(r.min_extra).toBeGreaterThanOrEqual(15);
    expect(r.steady_extra).toBe(0);
  });

  it('makes slowing customers pay later after their start date, and steady ones not', async () => {
    // Amount-weighted days late of settled invoices due before vs on/after the split day;
    // steady customers are split at the median slowdown start as a control.
    const shift = (slowing: boolean) =>
      one(
        db,
        `
      with split as (
        select customer_id, coalesce(slowdown_start,
          (select median(slowdown_start) from drift_truth)) as day
        from drift_truth where (slowdown_start is not null) = ${slowing}
      )
      select
        sum(amount * (settled_on - due_date)) filter (where due_date >= day) / sum(amount) filter (where due_date >= day)
        - sum(amount * (settled_on - due_date)) filter (where due_date < day) / sum(amount) filter (where due_date < day) as shift
      from settled join split using (customer_id)`
      );
    expect((await shift(true)).shift).toBeGreaterThan(20);
    expect(Math.abs((await shift(false)).shift)).toBeLessThan(4);

    const perCustomer = await one(
      db,
      `
      with per_customer as (
        select customer_id,
          sum(amount * (settled_on - due_date)) filter (where due_date >= slowdown_start) / sum(amount) filter (where due_date >= slowdown_start)
          - sum(amount * (settled_on - due_date)) filter (where due_date < slowdown_start) / sum(amount) filter (where due_date < slowdown_start) as shift
        from settled join drift_truth using (customer_id) where slowdown_start is not null group by all
      )
      select count(*) filter (where shift > 5) / count(shift) as share_slower from per_customer`
    );
    expect(perCustomer.share_slower).toBeGreaterThan(0.8);
  });

  it('leaves slowing customers with more open past-due invoices after their start', async () => {
    const r = await one(
      db,
      `
      select avg(case when balance > 0 then 1 else 0 end) filter (where t.slowdown_start is not null) as slowing,
             avg(case when balance > 0 then 1 else 0 end) filter (where t.slowdown_start is null) as steady
      from balances b join drift_truth t using (customer_id)
      where b.due_date >= coalesce(t.slowdown_start, date '${END}' - 365) and b.due_date < date '${END}' - 30`
    );
    expect(r.slowing).toBeGreaterThan(2 * r.steady);
  });

  it('prices calls above emails and keeps some promises but not all', async () => {
    const r = await one(
      db,
      `select
      avg(cost) filter (where channel = 'call') as call, avg(cost) filter (where channel = 'email') as email,
      (select avg(case when (select coalesce(sum(p.amount), 0) from payments p where p.invoice_id = a.invoice_id
                  and p.payment_date between a.activity_date and a.promised_date + 3) >= a.promised_amount then 1 else 0 end)
       from activities a where promised_date <= date '${END}' - 3) as kept
      from activities`
    );
    expect(r.call).toBeGreaterThan(5 * r.email);
    expect(r.kept).toBeGreaterThan(0.4);
    expect(r.kept).toBeLessThan(0.9);
  });

  it('sells more per day in Q4 than in summer', async () => {
    const r = await one(
      db,
      `select
      count(*) filter (where month(invoice_date) in (10, 11, 12)) / 92 as q4,
      count(*) filter (where month(invoice_date) in (7, 8)) / 62 as summer
      from invoices where invoice_date between date '2024-01-01' and date '2025-12-31'`
    );
    expect(r.q4).toBeGreaterThan(1.2 * r.summer);
  });
});

describe('the CLI', () => {
  it('writes the six tables and prints one summary line', () => {
    const out = join(work, 'cli');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'data/generate.ts', '--out', out, '--invoices', '2000', '--seed', '3', '--end', '2026-06-30'],
      { encoding: 'utf8' }
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^generated \d+ customers, 2000 invoices, .* in [\d.]+s → .*\n$/);
    const lines = readFileSync(join(out, 'invoices.csv'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(2001);
    expect(lines.every((line, k) => k === 0 || line.split(',')[2] <= '2026-06-30')).toBe(true);
  });

  it('rejects a calendar date that does not exist', async () => {
    await expect(generateLedger({ out: join(work, 'bad'), end: '2026-02-30' })).rejects.toThrow(/calendar date/);
  });
});
