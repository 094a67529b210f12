// The running totals (core/daily_positions, core/daily_aging) refreshed from the earliest changed day
// (server/refresh/running.ts), on a ledger small enough to work by hand: which day each refresh starts
// from, the figures it leaves, and every core table against a full rebuild after each write.
//   Ann (C1): I1 dated 2026-01-05 due 01-20, 100.00; Bob (C2): I2 and twelve F invoices dated 01-10
//   due 02-09, 200.00 + 12 × 10.00 (the F invoices keep any one write under a quarter of the invoices,
//   past which the refresh rebuilds everything). daily_positions' days: 01-04 (the day before the first)
//   to 02-10 (the day after the last due date, when current AR ends).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { ingestFiles, undoLoad } from '../../server/ingest/index.ts';
import { applySchema, modelsUpToDate, refreshModels } from '../../server/models.ts';
import { compareWithFullRebuild } from '../helpers/full-rebuild.ts';

let dir: string;
let db: Database;

const FILLERS = Array.from({ length: 12 }, (_, i) => `F${String(i + 1).padStart(2, '0')},C2,2026-01-10,2026-02-09,10.00,USD`);

function csv(name: string, lines: string[]): { path: string; name: string } {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, name };
}
const invoices = (name: string, ...rows: string[]) => csv(name, ['invoice_id,customer_id,invoice_date,due_date,amount,currency', ...rows]);
const payments = (name: string, ...rows: string[]) => csv(name, ['payment_id,invoice_id,customer_id,payment_date,amount,method', ...rows]);
const customers = (name: string, ...rows: string[]) => csv(name, ['customer_id,name,collector', ...rows]);

/** The running models' refresh steps ('daily_aging: from 2026-02-02', 'daily_positions: whole: …'), by model. */
type Done = Record<string, string>;
function runningSteps(steps: string[]): Done {
  const done: Done = {};
  for (const step of steps) {
    const match = /^(daily_aging|daily_positions): (.*)$/.exec(step);
    if (match) done[match[1]!] = match[2]!;
  }
  return done;
}

/** A load (or an undo of loads) and the refresh of what it touched; answers the running models' steps and the load ids. */
async function write(files: { path: string; name: string }[], options: { replace?: boolean; undo?: number[] } = {}) {
  return db.write(async (connection) => {
    const upToDate = await modelsUpToDate(connection);
    expect(upToDate).toBe(true);
    let loadIds: number[] = [];
    if (options.undo) {
      for (const id of options.undo) await undoLoad(connection, id);
    } else {
      const result = await ingestFiles(connection, files, { replace: options.replace });
      expect(result.rejected).toEqual([]);
      loadIds = result.loadIds;
    }
    const steps: string[] = [];
    const kind = await refreshModels(connection, {
      change: { arrivedLoads: loadIds, modelsWereUpToDate: upToDate },
      onStep: (step) => steps.push(step)
    });
    expect(kind).toBe('incremental');
    return { done: runningSteps(steps), loadIds };
  });
}

/** Every core table as the refresh left it equals a full rebuild of the same data, row for row. */
async function expectSameAsFullRebuild(): Promise<void> {
  const differing = (await compareWithFullRebuild(db)).filter((t) => t.differs).map((t) => t.table);
  expect(differing).toEqual([]);
}

const position = async (collector: string, day: string) =>
  (
    await db.read<{ ar: number; current_ar: number; cash: number; sales: number }>(
      `select ar::double as ar, current_ar::double as current_ar, cash_to_date::double as cash, sales_to_date::double as sales
       from daily_positions where collector = $1 and day = $2::date`,
      [collector, day]
    )
  )[0];
const days = async (collector: string) =>
  (
    await db.read<{ n: number; first: string; last: string; ar: number }>(
      `select count(*)::integer as n, strftime(min(day), '%Y-%m-%d') as first, strftime(max(day), '%Y-%m-%d') as last, sum(ar)::double as ar
       from daily_positions where collector = $1`,
      [collector]
    )
  )[0]!;
const aged = async (collector: string, day: string) =>
  db.read<{ bucket: string; balance: number; invoices: number }>(
    `select bucket, balance::double as balance, invoices::integer as invoices from daily_aging
     where collector = $1 and day = $2::date and invoices <> 0 order by bucket_order`,
    [collector, day]
  );
const recovered = async () =>
  db.read<{ grain: string; period_start: string; bucket: string; recovered: number }>(
    `select grain, strftime(period_start, '%Y-%m-%d') as period_start, bucket, recovered::double as recovered
     from recovered_by_calendar_period where collector = 'Ann' order by grain`
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-running-'));
  db = await Database.open(join(dir, 'radar.duckdb'));
  await db.write(async (connection) => {
    await applySchema(connection);
    const loaded = await ingestFiles(connection, [
      customers('customers.csv', 'C1,Client One,Ann', 'C2,Client Two,Bob'),
      invoices('invoices.csv', 'I1,C1,2026-01-05,2026-01-20,100.00,USD', 'I2,C2,2026-01-10,2026-02-09,200.00,USD', ...FILLERS)
    ]);
    expect(loaded.rejected).toEqual([]);
    await refreshModels(connection);
  });
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('running totals refreshed from the earliest changed day', () => {
  it('a payment: from its day, not from its invoice’s first day; the days before stay', async () => {
    const { done } = await write([payments('payments.csv', 'P1,I1,C1,2026-02-02,60.00,wire')]);
    // I1's aging changes from 02-02 on (its earlier days in current and 1-30 are the same segment's)
    expect(done).toEqual({ daily_aging: 'from 2026-02-02', daily_positions: 'from 2026-02-02' });
    // 02-01: AR 100, none current (due 01-20); 02-02: 100 − 60 = 40, cash 60
    expect(await position('Ann', '2026-02-01')).toEqual({ ar: 100, current_ar: 0, cash: 0, sales: 100 });
    expect(await position('Ann', '2026-02-02')).toEqual({ ar: 40, current_ar: 0, cash: 60, sales: 100 });
    // 02-01 is 12 days past due (1-30) with 100; 02-02: 40; 03-01 is 40 days past due (31-60)
    expect(await aged('Ann', '2026-02-01')).toEqual([{ bucket: '1-30', balance: 100, invoices: 1 }]);
    expect(await aged('Ann', '2026-02-02')).toEqual([{ bucket: '1-30', balance: 40, invoices: 1 }]);
    expect(await aged('Ann', '2026-03-01')).toEqual([{ bucket: '31-60', balance: 40, invoices: 1 }]);
    // recovered in the week of Monday 02-02 (I1 12 days past due on 02-01) and the month of 02-01 (11 on 01-31)
    expect(await recovered()).toEqual([
      { grain: 'month', period_start: '2026-02-01', bucket: '1-30', recovered: 60 },
      { grain: 'week', period_start: '2026-02-02', bucket: '1-30', recovered: 60 }
    ]);
    await expectSameAsFullRebuild();
  }, 120_000);

  let cleoLoads: number[] = [];
  it("a new collector's book and a later last day: the book's zeros back to the first day − 1, every book's new days", async () => {
    const { done, loadIds } = await write([
      customers('new-customers.csv', 'C3,Client Three,Cleo'),
      invoices('new-invoices.csv', 'I3,C3,2026-02-05,2026-02-20,50.00,USD')
    ]);
    cleoLoads = loadIds;
    expect(done).toEqual({ daily_aging: 'from 2026-02-05', daily_positions: 'from 2026-02-05' });
    // Cleo's days: 01-04 to 02-21 (I3's current AR ends the day after 02-20) = 28 + 21 = 49; AR 50 on
    // each of 02-05 … 02-21 (17 days) = 850, zeros before
    expect(await days('Cleo')).toEqual({ n: 49, first: '2026-01-04', last: '2026-02-21', ar: 850 });
    expect(await position('Cleo', '2026-02-04')).toEqual({ ar: 0, current_ar: 0, cash: 0, sales: 0 });
    expect(await position('Cleo', '2026-02-05')).toEqual({ ar: 50, current_ar: 50, cash: 0, sales: 50 });
    // the other books get the new days 02-11 … 02-21 too
    expect(await days('Ann')).toMatchObject({ n: 49, last: '2026-02-21' });
    expect(await position('Bob', '2026-02-21')).toEqual({ ar: 320, current_ar: 0, cash: 0, sales: 320 });
    await expectSameAsFullRebuild();
  }, 120_000);

  it('undoing it: the book goes (computed whole), then the last day shrinks back', async () => {
    const { done } = await write([], { undo: cleoLoads });
    expect(done).toEqual({ daily_aging: 'whole: a group has no rows left', daily_positions: 'whole: a group has no rows left' });
    expect(await days('Cleo')).toMatchObject({ n: 0 });
    expect(await days('Ann')).toMatchObject({ n: 38, last: '2026-02-10' });
    await expectSameAsFullRebuild();
  }, 120_000);

  it('an invoice after the last day, then undone: the days after the shorter calendar are computed again too', async () => {
    // daily_positions' last day 02-10 becomes 03-11 (I4 due 03-10): from 02-11, before I4's day; daily_aging's
    // (06-10, I2 in 120+) becomes 07-09 (03-10 + 121): from I4's day
    const { done, loadIds } = await write([invoices('later-invoices.csv', 'I4,C2,2026-02-15,2026-03-10,10.00,USD')]);
    expect(done).toEqual({ daily_aging: 'from 2026-02-15', daily_positions: 'from 2026-02-11' });
    // 01-04 … 03-11: 28 + 28 + 11 = 67 days, Ann's AR 40 on the new ones
    expect(await days('Ann')).toMatchObject({ n: 67, last: '2026-03-11' });
    expect(await position('Ann', '2026-02-12')).toEqual({ ar: 40, current_ar: 0, cash: 60, sales: 100 });
    await expectSameAsFullRebuild();
    expect((await write([], { undo: loadIds })).done).toEqual({ daily_aging: 'from 2026-02-15', daily_positions: 'from 2026-02-11' });
    expect(await days('Bob')).toMatchObject({ n: 38, last: '2026-02-10' });
    await expectSameAsFullRebuild();
  }, 120_000);

  it('a backdated invoice moves the first day earlier: computed whole', async () => {
    const { done } = await write([invoices('backdated.csv', 'I5,C1,2025-12-20,2026-01-19,30.00,USD')]);
    expect(done).toEqual({ daily_aging: 'whole: the first day moved', daily_positions: 'whole: the first day moved' });
    expect(await days('Bob')).toMatchObject({ first: '2025-12-19', last: '2026-02-10' });
    await expectSameAsFullRebuild();
  }, 120_000);

  it('--replace of the payments: from the payment’s day', async () => {
    const { done } = await write([payments('payments.csv', 'P1,I1,C1,2026-02-02,30.00,wire')], { replace: true });
    expect(done).toEqual({ daily_aging: 'from 2026-02-02', daily_positions: 'from 2026-02-02' });
    // I1 100 + I5 30 − 30 paid
    expect(await position('Ann', '2026-02-02')).toEqual({ ar: 100, current_ar: 0, cash: 30, sales: 130 });
    expect((await recovered()).map((r) => r.recovered)).toEqual([30, 30]);
    await expectSameAsFullRebuild();
  }, 120_000);
});
