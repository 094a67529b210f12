// The incremental refresh (server/refresh/) against the full rebuild, row for row: a generated ledger
// is loaded without its last week, the week's files are appended (then one undone, one replaced),
// and after each write every core table — the list comes from the models, so a core model added
// later is compared too — equals what a full rebuild of the same data makes (EXCEPT ALL both ways,
// equal counts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger } from '../../data/generator/index.ts';
import { Database, queryRows } from '../../server/db.ts';
import { ingestFiles } from '../../server/ingest/index.ts';
import { loadFiles } from '../../server/loading.ts';
import { applySchema, modelsUpToDate, refreshModels, type RefreshKind } from '../../server/models.ts';
import { undo } from '../../server/routes/loads.ts';
import { compareWithFullRebuild } from '../helpers/full-rebuild.ts';
import { LEDGER_TABLES, splitLedger, WEEK_TABLES } from '../../bench/ledger-split.ts';

const TABLES = LEDGER_TABLES;
const WEEK = WEEK_TABLES;
let dir: string;
let db: Database;
/** what the write path said it was doing (GET /api/loads/progress shows it) */
let steps: string[] = [];
const updatedOnlyWhatChanged = () =>
  steps.some((s) => s.startsWith('updating the figures for what changed')) && !steps.some((s) => s.startsWith('rebuilding'));

async function expectSameAsFullRebuild(): Promise<void> {
  const tables = await compareWithFullRebuild(db);
  expect(tables.filter((t) => t.differs)).toEqual([]);
  // the comparison covers real rows: the per-invoice facts and the daily figures are not empty
  for (const name of [
    'invoice_flows',
    'balance_segments',
    'payment_base_days',
    'daily_positions',
    'daily_aging',
    'promise_outcomes',
    'forecast_history'
  ]) {
    expect(tables.find((t) => t.table === name)?.rows ?? 0).toBeGreaterThan(0);
  }
}

/** Writes the rows of `select` to the CSV file `name` in the working folder's half/, and answers its path. */
async function csvOf(name: string, select: string): Promise<string> {
  const path = join(dir, 'half', name);
  await db.write((c) => c.run(`copy (${select}) to '${path}' (header)`));
  return path;
}

/** Runs a write (a load or an undo) that must patch only what changed, into what a full rebuild makes. */
async function expectPatched<T>(write: () => Promise<T>): Promise<T> {
  steps = [];
  const result = await write();
  expect(updatedOnlyWhatChanged()).toBe(true);
  await expectSameAsFullRebuild();
  return result;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-refresh-'));
  mkdirSync(join(dir, 'half'));
  const ledger = await generateLedger({ out: join(dir, 'generated'), invoices: 4000, customers: 150, seed: 7 });
  await splitLedger(join(dir, 'generated'), dir, '2026-11-16');
  db = await Database.open(join(dir, 'radar.duckdb'));
  await db.write(async (connection) => {
    await applySchema(connection);
    // promises of a whole customer (no invoice named: the generator always names one), made before
    // the week whose payments keep them, so that the week touches them through their customer
    await connection.run(`copy (
      select 'CUSTOMER-PROMISE-' || customer_id as activity_id, customer_id, date '2026-11-13' as activity_date, 'phone' as channel,
        null as invoice_id, null as collector, 'promise_to_pay' as outcome, date '2026-11-18' as promised_date, 50.00 as promised_amount, null as cost
      from (select distinct customer_id from read_csv('${join(dir, 'week-payments.csv')}', header = true) order by customer_id limit 20)
    ) to '${join(dir, 'promises.csv')}' (header)`);
    const files = [...TABLES, 'promises'].map((t) => ({ path: join(dir, `${t}.csv`), name: `${t}.csv` }));
    const loaded = await ingestFiles(connection, files);
    expect(loaded.rejected).toEqual([]);
    await refreshModels(connection);
  });
  expect(ledger).toBeTruthy();
  const setWriteStep = db.setWriteStep.bind(db);
  db.setWriteStep = (stage, step) => {
    steps.push(step);
    setWriteStep(stage, step);
  };
}, 240_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('incremental refresh equals a full rebuild', () => {
  it('appending a week of invoices, payments, adjustments and activities', async () => {
    const [{ week }] = await db.read<{ week: number }>('select (select count(*) from read_csv($1, header = true)) ::integer as week', [
      join(dir, 'week-payments.csv')
    ]);
    expect(week).toBeGreaterThan(10);
    const kind = await db.write(async (connection): Promise<RefreshKind> => {
      expect(await modelsUpToDate(connection)).toBe(true);
      const result = await ingestFiles(
        connection,
        WEEK.map((t) => ({ path: join(dir, `week-${t}.csv`), name: `week-${t}.csv` }))
      );
      expect(result.rejected).toEqual([]);
      return refreshModels(connection, { change: { arrivedLoads: result.loadIds, modelsWereUpToDate: true } });
    });
    expect(kind).toBe('incremental');
    await expectSameAsFullRebuild();
  }, 240_000);

  it("undoing the week's payments (the undo route)", async () => {
    const [{ load_id }] = await db.read<{ load_id: number }>(
      "select max(load_id)::integer as load_id from loads where source_file = 'week-payments.csv'"
    );
    const report = await expectPatched(() => undo(db, load_id));
    expect(report.removed.payments).toBeGreaterThan(10);
  }, 240_000);

  it("loading the payments again and replacing the week's adjustments with --replace (the load path)", async () => {
    await expectPatched(() => loadFiles(db, [{ path: join(dir, 'week-payments.csv'), name: 'week-payments.csv' }]));
    // the same adjustments file name, now with only its first half: the rest leaves
    const [{ n }] = await db.read<{ n: number }>(
      "select count(*)::integer as n from adjustments where source_file = 'week-adjustments.csv'"
    );
    expect(n).toBeGreaterThan(1);
    const half = await csvOf(
      'week-adjustments.csv',
      `select * from read_csv('${join(dir, 'week-adjustments.csv')}', header = true, all_varchar = true) limit ${Math.floor(n / 2)}`
    );
    await expectPatched(() => loadFiles(db, [{ path: half, name: 'week-adjustments.csv' }], { replace: true }));
    const [{ left }] = await db.read<{ left: number }>(
      "select count(*)::integer as left from adjustments where source_file = 'week-adjustments.csv'"
    );
    expect(left).toBe(Math.floor(n / 2));
  }, 240_000);

  it("a customer's collector set, then taken away (undo): its invoices move between books in the daily figures", async () => {
    // two customers known only from their invoices (no collector: the unassigned book)
    const invoices = await csvOf(
      'new-invoices.csv',
      `select 'NEW-' || invoice_id as invoice_id, case when row_number() over (order by invoice_id) % 2 = 0 then 'NEW-1' else 'NEW-2' end as customer_id,
         invoice_date, due_date, amount, currency
       from invoices order by invoice_id limit 6`
    );
    await expectPatched(() => loadFiles(db, [{ path: invoices, name: 'new-invoices.csv' }]));
    // their customers file gives them collectors: one new, one already in the ledger
    const [{ collector }] = await db.read<{ collector: string }>('select min(collector) as collector from stg_customers');
    const customers = await csvOf(
      'new-customers.csv',
      `select * from (values ('NEW-1', 'New One', 'Nina New'), ('NEW-2', 'New Two', '${collector}')) as t(customer_id, name, collector)`
    );
    await expectPatched(() => loadFiles(db, [{ path: customers, name: 'new-customers.csv' }]));
    const [nina] = await db.read<{ invoices: number }>(
      "select sum(invoices_to_date)::integer as invoices from daily_positions where collector = 'Nina New' and day = (select max(day) from daily_positions)"
    );
    expect(nina.invoices).toBe(3);
    // and the customers file undone: back to no collector
    const [{ load_id }] = await db.read<{ load_id: number }>(
      "select max(load_id)::integer as load_id from loads where source_file = 'new-customers.csv'"
    );
    await expectPatched(() => undo(db, load_id));
    const [gone] = await db.read<{ n: number }>("select count(*)::integer as n from daily_positions where collector = 'Nina New'");
    expect(gone.n).toBe(0);
  }, 240_000);

  it("the forecast's settled history (core/forecast_history): new invoices paid, then their customers' segment set and undone", async () => {
    // the six NEW- invoices of the test above, paid in full five days after their due dates
    const payments = await csvOf(
      'new-payments.csv',
      `select 'PAY-' || invoice_id as payment_id, invoice_id, customer_id, due_date + 5 as payment_date, amount, 'wire' as method
       from stg_invoices where invoice_id like 'NEW-%'`
    );
    await expectPatched(() => loadFiles(db, [{ path: payments, name: 'new-payments.csv' }]));
    const newHistory = () =>
      db.read<{ segment: string; days_late: number; n: number }>(
        "select segment, days_late, count(*)::integer as n from forecast_history where customer_id like 'NEW-%' group by all"
      );
    expect(await newHistory()).toEqual([{ segment: '', days_late: 5, n: 6 }]);
    // a customers file gives them a segment: the refresh gives it to their settled invoices (the forecast's prior reads it)
    const customers = await csvOf(
      'new-segment-customers.csv',
      `select * from (values ('NEW-1', 'New One', 'Newcomers'), ('NEW-2', 'New Two', 'Newcomers')) as t(customer_id, name, segment)`
    );
    await expectPatched(() => loadFiles(db, [{ path: customers, name: 'new-segment-customers.csv' }]));
    expect(await newHistory()).toEqual([{ segment: 'Newcomers', days_late: 5, n: 6 }]);
    const [{ load_id }] = await db.read<{ load_id: number }>(
      "select max(load_id)::integer as load_id from loads where source_file = 'new-segment-customers.csv'"
    );
    await expectPatched(() => undo(db, load_id));
    expect(await newHistory()).toEqual([{ segment: '', days_late: 5, n: 6 }]);
  }, 240_000);

  it('replacing the customers file touches every invoice (their currency): a full rebuild, quicker than patching', async () => {
    steps = [];
    await loadFiles(db, [{ path: join(dir, 'customers.csv'), name: 'customers.csv' }], { replace: true });
    expect(steps.some((s) => s.startsWith('rebuilding the figures'))).toBe(true);
    await expectSameAsFullRebuild();
  }, 240_000);

  it('a load of exchange rates rebuilds everything (no core model follows rates key by key)', async () => {
    // the last day's rates again, a week later
    const later = await csvOf(
      'later-rates.csv',
      `select (rate_date + 7)::date as rate_date, currency, units_per_base, base from fx_rates
         where rate_date = (select max(rate_date) from fx_rates)`
    );
    const kind = await db.write(async (connection) => {
      const result = await ingestFiles(connection, [{ path: later, name: 'later-rates.csv' }]);
      expect(result.rejected).toEqual([]);
      return refreshModels(connection, { change: { arrivedLoads: result.loadIds, modelsWereUpToDate: true } });
    });
    expect(kind).toBe('full');
  }, 240_000);

  it('models that were not up to date before the write are rebuilt whole', async () => {
    const kind = await db.write(async (connection) => {
      await connection.run("update model_builds set data_version = 'stale'");
      expect(await modelsUpToDate(connection)).toBe(false);
      return refreshModels(connection, { change: { arrivedLoads: [], modelsWereUpToDate: await modelsUpToDate(connection) } });
    });
    expect(kind).toBe('full');
    const [built] = await queryRows<{ n: number }>(await db.connect(), 'select count(*)::integer as n from model_builds');
    expect(built.n).toBe(1);
  }, 240_000);
});
