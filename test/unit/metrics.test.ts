// Every metric of spec/metrics.md on a ledger small enough to work out by hand.
// As-of date D = 2024-03-31; window 90 days → P = [2024-01-02, 2024-03-31].
//
// invoice  customer  dated       due         amount   what happens                                balance at D
// A        C1        2024-01-10  2024-02-09  1000.00  paid 400 on 02-01, 600 on 04-05 (after D)    600.00  (51 days past due)
// B        C2        2024-02-15  2024-03-16   500.00  over-paid 650 on 03-01                       -150.00  (15 days past due)
// C        C3        2024-03-01  2024-03-31   300.00  due today                                    300.00  (current)
// D        C3        2024-03-02  2024-03-30   200.00  credit note 50 on 03-10; due yesterday       150.00  (1 day past due)
// E        C4        2023-10-01  2023-10-31   800.00  written off 800 on 03-15                       0.00
// F        C4        2024-04-02  2024-05-02   999.00  dated after D: does not exist at D
// G        C1        2023-12-20  2024-01-19   250.00  paid 250 on 01-25                              0.00
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db.ts';
import * as reports from '../../server/queries/reports.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { WORKED_LEDGER } from '../helpers/worked-ledger.ts';
import { agingLines } from '../helpers/aging.ts';

let db: Database;

beforeAll(async () => {
  db = await ledgerDatabase(WORKED_LEDGER);
});

afterAll(() => db.close());

describe('KPIs at an as-of date', () => {
  it('sums balances of invoices that exist at D, over-payments negative and not clamped', async () => {
    const k = await reports.kpis(db, { as_of: '2024-03-31', window: 90 });
    // AR = 600 − 150 + 300 + 150 + 0 + 0 = 900; F (dated 04-02) does not exist yet
    expect(k.ar).toBe(900);
    // only C is current: due today counts as current, D (due yesterday) does not
    expect(k.current_ar).toBe(300);
    expect(k.past_due_ar).toBe(600);
    // Sales(P) = A 1000 + B 500 + C 300 + D 200 = 2000 (G on 12-20 and E are outside P)
    expect(k.sales).toBe(2000);
  });

  it('computes DSO, BPDSO, ADD and past-due share', async () => {
    const k = await reports.kpis(db, { as_of: '2024-03-31', window: 90 });
    expect(k.dso).toBeCloseTo(40.5, 10); // 900 / 2000 × 90
    expect(k.bpdso).toBeCloseTo(13.5, 10); // 300 / 2000 × 90
    expect(k.add).toBeCloseTo(27, 10); // 40.5 − 13.5
    expect(k.past_due_share).toBeCloseTo(600 / 900, 12);
    expect(k).toMatchObject({ as_of: '2024-03-31', window_days: 90 });
  });

  it('counts back through 30-day blocks of sales', async () => {
    const k = await reports.kpis(db, { as_of: '2024-03-31', window: 90 });
    // B0 = [03-02, 03-31]: D 200 → r = 700, 30 days; B1 = [02-01, 03-01]: B 500 + C 300 = 800 ≥ 700 → 30 × 700/800
    expect(k.countback_dso).toBeCloseTo(30 + 26.25, 10);
  });

  it('answers null, not 0 or infinity, when there were no sales in the window', async () => {
    // P = [12-22, 12-31] holds no invoice; AR(12-31) = E 800 + G 250
    const k = await reports.kpis(db, { as_of: '2023-12-31', window: 10 });
    expect(k.ar).toBe(1050);
    expect(k.sales).toBe(0);
    expect(k.dso).toBeNull();
    expect(k.bpdso).toBeNull();
    expect(k.add).toBeNull();
    // countback does not need the window: B0 [12-02, 12-31] = 250 → r 800; B1, B2 empty; B3 [09-03, 10-02] = 800 → 90 + 30
    expect(k.countback_dso).toBeCloseTo(120, 10);
  });

  it('moves the window with the as-of date and a window of another length', async () => {
    // P = [03-02, 03-31]: D 200 only
    const k = await reports.kpis(db, { as_of: '2024-03-31', window: 30 });
    expect(k.sales).toBe(200);
    expect(k.dso).toBeCloseTo((900 / 200) * 30, 10);
  });

  it('before the first invoice everything is zero and every ratio null', async () => {
    const k = await reports.kpis(db, { as_of: '2020-01-01', window: 90 });
    expect(k).toMatchObject({ ar: 0, current_ar: 0, past_due_ar: 0, sales: 0, dso: null, past_due_share: null });
  });

  it('after the last event the balances stay where they were', async () => {
    // at 2030-01-01: A paid off, F open 999 and long past due
    const k = await reports.kpis(db, { as_of: '2030-01-01', window: 90 });
    expect(k.ar).toBe(-150 + 300 + 150 + 999);
    expect(k.current_ar).toBe(0);
  });

  it('defaults the as-of date to the latest invoice date (F on 2024-04-02; payment P2 on 04-05 trails it)', async () => {
    const k = await reports.kpis(db, { window: 90 });
    expect(k.as_of).toBe('2024-04-02');
  });
});

describe('aging', () => {
  it('puts each positive balance in its bucket, the over-payment on the credits line, and adds up to AR', async () => {
    const a = await reports.aging(db, { as_of: '2024-03-31' });
    // D 150 (due 03-30, 1 day past due) is aged; B −150 (over-paid) is not: it is a credit
    expect(a.buckets).toEqual(agingLines({ current: [300, 1], '1-30': [150, 1], '31-60': [600, 1] }));
    expect(a.credits).toEqual({ balance: -150, invoices: 1 });
    // 300 + 150 + 600 − 150 = 900 = AR(03-31)
    expect(a.total).toBe(900);
  });

  it('ages E into 120+ on day 121 past due', async () => {
    // E due 2023-10-31: 2024-02-28 is 120 days past due, 2024-02-29 is 121
    const before = await reports.aging(db, { as_of: '2024-02-28' });
    const after = await reports.aging(db, { as_of: '2024-02-29' });
    expect(before.buckets.find((b) => b.bucket === '91-120')?.balance).toBe(800);
    expect(after.buckets.find((b) => b.bucket === '120+')?.balance).toBe(800);
    expect(after.buckets.find((b) => b.bucket === '91-120')?.balance).toBe(0);
  });
});

describe('KPIs of a period: March 2024', () => {
  const march = { from: '2024-03-01', to: '2024-03-31' };

  it('computes CEI from AR at the day before, sales, AR and current AR at the end', async () => {
    const p = await reports.period(db, march);
    // AR(02-29) = A 600 + B 500 + E 800 = 1900; Sales = C 300 + D 200 = 500; AR(03-31) = 900; CurrentAR = 300
    expect(p.cei).toBeCloseTo(((1900 + 500 - 900) / (1900 + 500 - 300)) * 100, 10);
  });

  it('counts cash, not credit notes or write-offs', async () => {
    const p = await reports.period(db, march);
    expect(p.cash_collected).toBe(650);
  });

  it('divides costs and activity costs by cash', async () => {
    const p = await reports.period(db, march);
    // salaries 30 + call 2.50 (T2's 3.00 is in February, the 99 in April)
    expect(p.cost_per_dollar).toBeCloseTo(32.5 / 650, 12);
  });

  it('divides write-offs by sales', async () => {
    const p = await reports.period(db, march);
    expect(p.write_off_ratio).toBeCloseTo(800 / 500, 12);
  });

  it('counts disputes opened against invoices dated, and the median days to resolve', async () => {
    const p = await reports.period(db, march);
    // opened in March: D; dated in March: C, D
    expect(p.dispute_rate).toBeCloseTo(0.5, 12);
    // resolved in March: D after 7 days, A after 29 → median 18
    expect(p.days_to_resolve).toBeCloseTo(18, 12);
  });

  it('keeps a promise when the payments in [activity date, promised date + 3] reach the amount', async () => {
    expect((await reports.period(db, march)).promise_kept_rate).toBeCloseTo(0.5, 12); // T1 broken, T2 kept
    expect((await reports.period(db, { from: '2024-04-01', to: '2024-04-30' })).promise_kept_rate).toBeCloseTo(0.5, 12); // T3 kept, T4 broken
  });

  it('measures recovery by the bucket each invoice was in the day before the period', async () => {
    const p = await reports.period(db, march);
    // on 02-29: B 500 current, A 600 20 days past due, E 800 121 days past due; March cash: B's 650
    expect(p.recovery).toEqual([
      { bucket: 'current', base: 500, recovered: 650, rate: 1.3 },
      { bucket: '1-30', base: 600, recovered: 0, rate: 0 },
      { bucket: '31-60', base: 0, recovered: 0, rate: null },
      { bucket: '61-90', base: 0, recovered: 0, rate: null },
      { bucket: '91-120', base: 0, recovered: 0, rate: null },
      // the write-off of E is not recovery
      { bucket: '120+', base: 800, recovered: 0, rate: 0 }
    ]);
  });

  it('answers null ratios for a period with no sales and no cash', async () => {
    const p = await reports.period(db, { from: '2025-01-01', to: '2025-01-31' });
    expect(p).toMatchObject({
      cash_collected: 0,
      cost_per_dollar: null,
      write_off_ratio: null,
      dispute_rate: null,
      days_to_resolve: null,
      promise_kept_rate: null
    });
  });
});

describe('series', () => {
  it('gives each ISO week its period KPIs and the as-of KPIs of its Sunday', async () => {
    const s = await reports.series(db, { from: '2024-03-20', to: '2024-03-31', grain: 'week', window: 90 });
    expect(s.points.map((p) => [p.from, p.to])).toEqual([
      ['2024-03-18', '2024-03-24'],
      ['2024-03-25', '2024-03-31']
    ]);
    const last = s.points[1];
    expect(last.as_of).toBe('2024-03-31');
    expect(last.dso).toBeCloseTo(40.5, 10);
    const { currency: _k, by_currency: _b, ...kpis } = await reports.kpis(db, { as_of: '2024-03-31', window: 90 });
    const { currency: _p, ...period } = await reports.period(db, { from: '2024-03-25', to: '2024-03-31' });
    expect(last).toEqual({ ...kpis, ...period });
    expect(s.currency).toBe('USD');
  });

  it('prepares recovery for weeks and months the same as for any range', async () => {
    // B's 650 on 2024-03-01 falls in the week of 02-26; on 02-25 B was current with 500 open
    const weeks = await reports.series(db, { from: '2024-02-26', to: '2024-03-03', grain: 'week', window: 90 });
    expect(weeks.points[0].recovery.find((r) => r.bucket === 'current')).toEqual({
      bucket: 'current',
      base: 500,
      recovered: 650,
      rate: 1.3
    });
    expect(weeks.points[0].recovery).toEqual((await reports.period(db, { from: '2024-02-26', to: '2024-03-03' })).recovery);
    const months = await reports.series(db, { from: '2024-03-01', to: '2024-03-31', grain: 'month', window: 90 });
    expect(months.points[0].recovery).toEqual((await reports.period(db, { from: '2024-03-01', to: '2024-03-31' })).recovery);
    // A's 400 on 02-01: on 01-31 A was current (due 02-09) with 1000 open
    const february = await reports.series(db, { from: '2024-02-01', to: '2024-02-29', grain: 'month', window: 90 });
    expect(february.points[0].recovery.find((r) => r.bucket === 'current')).toMatchObject({ base: 1000, recovered: 400, rate: 0.4 });
  });

  it('gives calendar months the same figures as the period report', async () => {
    const s = await reports.series(db, { from: '2024-02-10', to: '2024-03-05', grain: 'month', window: 90 });
    expect(s.points.map((p) => p.from)).toEqual(['2024-02-01', '2024-03-01']);
    expect(s.points[1].cei).toBeCloseTo((await reports.period(db, { from: '2024-03-01', to: '2024-03-31' })).cei!, 12);
    expect(s.points[1].ar).toBe(900);
  });
});

describe('countback beyond two years of sales', () => {
  it('is null when the AR is older than 24 blocks', async () => {
    const old = await ledgerDatabase({
      invoices: [{ invoice_id: 'X', customer_id: 'C', invoice_date: '2020-01-01', due_date: '2020-01-31', amount: '100.00' }]
    });
    const k = await reports.kpis(old, { as_of: '2024-03-31', window: 90 });
    expect(k.ar).toBe(100);
    expect(k.countback_dso).toBeNull();
    // within 24 blocks it is found: [2020-01-01] lies in block k = 0 of 2020-01-15 → 30 × 100/100
    expect((await reports.kpis(old, { as_of: '2020-01-15', window: 90 })).countback_dso).toBeCloseTo(30, 10);
    old.close();
  });
});
