// A collector's book over time: series, period and weekly review with `collector`, worked by hand on
// two books (Ann, Bob) for the ISO week Mon 2024-06-10 – Sun 2024-06-16 and the week before; the
// portfolio's figures are the books' added where the formula adds up (money, and the numerator and
// denominator of each ratio). A collector reads their own book, never another's.
import { describe, expect, it } from 'vitest';
import { signedInAppOn } from '../helpers/app-on.ts';
import { ANN_AND_BOB_BOOKS, ANN_BOOK_FIGURES, invoice, ledger, promise } from '../helpers/rows.ts';

// Ann: C1 I1 dated 05-01 due 05-31, 1000; paid 400 on 06-12 (a promise of 400 by 06-13, made 06-11
//      on a 5.00 call: kept). C2 I2 dated 06-11 due 07-11, 500.
// Bob: C3 I3 dated 04-01 due 05-01, 2000; paid 500 on 06-05. C3 I4 dated 06-14 due 07-14, 300,
//      disputed 06-15 (a promise of 200 by 06-14, made 06-12 on a 3.00 call: broken).
// A collection cost of 10.00 on 06-12 in the costs file, tied to no customer: the portfolio's only.
const LEDGER = ledger({
  customers: ANN_AND_BOB_BOOKS,
  invoices: [
    invoice('I1', 'C1', '2024-05-01', '2024-05-31', '1000.00').paid('P1', '2024-06-12', '400.00', { customer_id: 'C1' }),
    invoice('I2', 'C2', '2024-06-11', '2024-07-11', '500.00'),
    invoice('I3', 'C3', '2024-04-01', '2024-05-01', '2000.00').paid('P2', '2024-06-05', '500.00', { customer_id: 'C3' }),
    invoice('I4', 'C3', '2024-06-14', '2024-07-14', '300.00').disputed('2024-06-15')
  ],
  activities: [
    promise('A1', 'C1', 'phone', '2024-06-11', '2024-06-13', '400.00', { invoice_id: 'I1', outcome: 'promise_to_pay', cost: '5.00' }),
    promise('A2', 'C3', 'phone', '2024-06-12', '2024-06-14', '200.00', { invoice_id: 'I4', outcome: 'promise_to_pay', cost: '3.00' })
  ],
  costs: [{ cost_date: '2024-06-12', category: 'agency', amount: '10.00' }],
  // 1 EUR buys 1.25 USD: a USD amount is 0.8 of itself in EUR
  fx_rates: [{ rate_date: '2024-01-01', currency: 'USD', units_per_base: '1.25', base: 'EUR' }]
});

const book = signedInAppOn(LEDGER, '/tmp/radar-book-trends-uploads');

const WEEK = 'from=2024-06-10&to=2024-06-16';
const SERIES = 'from=2024-06-03&to=2024-06-16&grain=week';

describe("a book's weekly series", () => {
  it("Ann's two weeks: AR, DSO, countback and CEI of her customers", async () => {
    const { body } = await book.get('carl', `/api/series?${SERIES}&collector=Ann`);
    expect(body.collector).toBe('Ann');
    const [before, week] = body.points;
    // week to 06-09: AR = I1 1000, nothing current (I1 due 05-31); sales in [03-12, 06-09] = 1000
    //   DSO = 1000 / 1000 × 90 = 90; CEI = (AR(06-02) 1000 + 0 − 1000) / (1000 + 0 − 0) = 0
    expect(before).toMatchObject({ to: '2024-06-09', ar: 1000, current_ar: 0, sales: 1000, dso: 90, cei: 0, cash_collected: 0 });
    // week to 06-16: AR = (1000 − 400) + 500 = 1100; current = I2 500; sales in [03-19, 06-16] = 1000 + 500
    //   DSO = 1100 / 1500 × 90 = 66; BPDSO = 500 / 1500 × 90 = 30; ADD = 36
    //   countback: [05-18, 06-16] 500 → 600 left, 30 days; [04-18, 05-17] 1000 → 30 + 30 × 600 / 1000 = 48
    //   CEI = (AR(06-09) 1000 + sales 500 − AR 1100) / (1000 + 500 − current 500) × 100 = 400 / 1000 × 100 = 40
    expect(week).toMatchObject({
      from: '2024-06-10',
      to: '2024-06-16',
      ...ANN_BOOK_FIGURES,
      countback_dso: 48,
      cei: 40,
      cash_collected: 400
    });
  });

  it("Bob's week, and the portfolio's: the books' money adds up, and so do each ratio's parts", async () => {
    const bob = (await book.get('carl', `/api/series?${SERIES}&collector=Bob`)).body.points[1];
    // AR = (2000 − 500) + 300 = 1800; current = I4 300; sales in [03-19, 06-16] = 2000 + 300 = 2300
    //   DSO = 1800 / 2300 × 90; countback: [05-18, 06-16] 300 → 1500 left; [04-18, 05-17] 0;
    //   [03-19, 04-17] 2000 → 60 + 30 × 1500 / 2000 = 82.5
    //   CEI = (AR(06-09) 1500 + 300 − 1800) / (1500 + 300 − 300) × 100 = 0
    expect(bob).toMatchObject({ ar: 1800, current_ar: 300, sales: 2300, countback_dso: 82.5, cei: 0, cash_collected: 0 });
    expect(bob.dso).toBeCloseTo((1800 / 2300) * 90, 10);
    const all = (await book.get('carl', `/api/series?${SERIES}`)).body;
    expect(all.collector).toBeUndefined();
    const week = all.points[1];
    // AR 1100 + 1800 = 2900, current 500 + 300 = 800, sales 1500 + 2300 = 3800, cash 400 + 0
    expect(week).toMatchObject({ ar: 2900, current_ar: 800, sales: 3800, cash_collected: 400 });
    // DSO = (1100 + 1800) / (1500 + 2300) × 90: the numerators and denominators add, not the DSOs
    expect(week.dso).toBeCloseTo((2900 / 3800) * 90, 10);
    // CEI = (400 + 0) / (1000 + 1500) × 100 = 16
    expect(week.cei).toBeCloseTo(16, 10);
    // countback over [05-18, 06-16] 800, [04-18, 05-17] 1000, [03-19, 04-17] 2000: 60 + 30 × 1100 / 2000
    expect(week.countback_dso).toBeCloseTo(76.5, 10);
  });

  it('a book in another reporting currency: every amount × 0.8 (1 EUR = 1.25 USD), ratios unchanged', async () => {
    const week = (await book.get('carl', `/api/series?${SERIES}&collector=Ann&currency=EUR`)).body.points[1];
    expect(week).toMatchObject({ ar: 880, current_ar: 400, sales: 1200, cash_collected: 320, dso: 66, cei: 40 });
    const period = (await book.get('carl', `/api/period?${WEEK}&collector=Ann&currency=EUR`)).body;
    expect(period).toMatchObject({ currency: 'EUR', collector: 'Ann', cash_collected: 320, cei: 40 });
  });
});

describe("a book's period", () => {
  it("Ann's week: cash, her touches' cost, her promise kept, her recovery", async () => {
    const { body } = await book.get('carl', `/api/period?${WEEK}&collector=Ann`);
    // cost per dollar = her call's 5.00 / cash 400 (the costs file's 10.00 is no one's book)
    // write-offs 0 / sales 500; disputes 0 of 1 invoice dated in the week; promise A1 kept: 1 / 1
    // recovery: at 06-09 I1 is 9 days past due with 1000 open (1-30); 400 of it paid in the week
    expect(body).toMatchObject({
      from: '2024-06-10',
      to: '2024-06-16',
      collector: 'Ann',
      cei: 40,
      cash_collected: 400,
      cost_per_dollar: 0.0125,
      write_off_ratio: 0,
      dispute_rate: 0,
      days_to_resolve: null,
      promise_kept_rate: 1
    });
    expect(body.recovery.find((r: { bucket: string }) => r.bucket === '1-30')).toEqual({
      bucket: '1-30',
      base: 1000,
      recovered: 400,
      rate: 0.4
    });
    expect(body.recovery.filter((r: { base: number }) => r.base !== 0)).toHaveLength(1);
  });

  it("Bob's week and the portfolio's", async () => {
    const bob = (await book.get('carl', `/api/period?${WEEK}&collector=Bob`)).body;
    // no cash: cost per dollar 3 / 0 is null; I4 disputed: 1 of 1; promise A2 broken: 0 / 1
    // recovery: at 06-09 I3 is 39 days past due with 1500 open (31-60), nothing paid in the week
    expect(bob).toMatchObject({ cei: 0, cash_collected: 0, cost_per_dollar: null, dispute_rate: 1, promise_kept_rate: 0 });
    expect(bob.recovery.find((r: { bucket: string }) => r.bucket === '31-60')).toEqual({
      bucket: '31-60',
      base: 1500,
      recovered: 0,
      rate: 0
    });
    const all = (await book.get('carl', `/api/period?${WEEK}`)).body;
    // cost per dollar = (10 + 5 + 3) / 400 = 0.045; disputes 1 of 2 invoices; promises 1 kept of 2
    expect(all).toMatchObject({ cash_collected: 400, cost_per_dollar: 0.045, dispute_rate: 0.5, promise_kept_rate: 0.5 });
    expect(all.cei).toBeCloseTo(16, 10);
    // the books' recovery bases and recoveries add up bucket by bucket
    const base = (bucket: string) => all.recovery.find((r: { bucket: string }) => r.bucket === bucket);
    expect(base('1-30')).toMatchObject({ base: 1000, recovered: 400 });
    expect(base('31-60')).toMatchObject({ base: 1500, recovered: 0 });
  });
});

describe("a book's weekly review", () => {
  it("Ann's week with its changes against the week before, and her aging", async () => {
    const { body } = await book.get('ann', '/api/review?week_end=2024-06-16&weeks=14');
    expect(body.collector).toBe('Ann');
    const week = body.points.at(-1);
    // against the week to 06-09 (AR 1000, DSO 90, CEI 0, cash 0): AR +100, DSO −24, CEI +40, cash +400
    expect(week).toMatchObject({
      period_end: '2024-06-16',
      ar: 1100,
      dso: 66,
      cei: 40,
      cash_collected: 400,
      period_sales: 500,
      ar_change_1: 100,
      dso_change_1: -24,
      cei_change_1: 40,
      cash_collected_change_1: 400,
      cost_per_dollar: 0.0125
    });
    // her aging at 06-16: I2 current 500, I1 16 days past due 600
    const aging = body.aging.at(-1);
    expect(aging.period_end).toBe('2024-06-16');
    expect(aging.buckets.filter((b: { balance: number }) => b.balance !== 0)).toEqual([
      { bucket: 'current', balance: 500, invoices: 1 },
      { bucket: '1-30', balance: 600, invoices: 1 }
    ]);
    const recovery = (await book.get('ann', '/api/review/recovery?week_end=2024-06-16')).body;
    expect(recovery.collector).toBe('Ann');
  });

  it("a collector gets their own book and a 403 for another's; the server sets the filter", async () => {
    const own = await book.get('ann', '/api/review?week_end=2024-06-16&weeks=14');
    const asked = await book.get('carl', '/api/review?week_end=2024-06-16&weeks=14&collector=Ann');
    expect(own.body).toEqual(asked.body);
    expect((await book.get('ann', '/api/series?collector=Bob')).status).toBe(403);
    expect((await book.get('ann', `/api/period?${WEEK}&collector=Bob`)).status).toBe(403);
    expect((await book.get('ann', '/api/review?collector=Bob')).status).toBe(403);
    expect((await book.get('ann', '/api/review/recovery?collector=Bob')).status).toBe(403);
    // Ann's series without the filter is her book, not the company's
    const series = (await book.get('ann', `/api/series?${SERIES}`)).body;
    expect(series.collector).toBe('Ann');
    expect(series.points[1].ar).toBe(1100);
  });

  it('a collector with no customers gets an empty book, not an error', async () => {
    const { status, body } = await book.get('carl', `/api/period?${WEEK}&collector=Nobody`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ cei: null, cash_collected: 0, promise_kept_rate: null });
  });
});
