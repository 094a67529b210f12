// A ledger in three currencies with ECB-style rates (base EUR), every figure worked out by hand
// (metrics.md "Currencies", "Aging buckets"). Home currency USD.
//
// Rates (1 EUR buys ...):     USD    GBP
//   2024-03-01 (Fri)          1.08    -      (no GBP rate before 03-22)
//   2024-03-22 (Fri)          1.09   0.86
//   2024-03-28 (Thu)          1.10   0.85   → rate(·, 03-31) (a Sunday): the latest on or before it
//   2024-04-05 (Fri)          1.20   0.80   → rate(·, 04-07)
//
// Invoices (customers file: C-US in USD, C-EU in EUR; C-GB has no master row):
//   U1 C-US 2024-03-01 due 03-31  1000.00 USD (the customer's currency)  paid 1000 on 04-06
//   U2 C-US 2023-10-01 due 10-31   500.00 USD  over-paid 600 on 2023-11-15 → balance −100 (a credit)
//   E1 C-EU 2024-03-10 due 04-09  2000.00 EUR (the customer's)            paid 1000 on 04-03
//   E2 C-EU 2023-11-01 due 12-01  1200.00 EUR  paid 200 on 03-15 → 1000, 121 days past due on 03-31
//   G1 C-GB 2024-03-20 due 04-19   850.00 GBP (its own column)
//   G2 C-GB 2024-02-01 due 03-02   425.00 'gbp' (upper-cased)           paid 425 on 04-02
//   G3 C-GB 2024-04-04 due 05-04   400.00 GBP
//
// At D = 2024-03-31, window 90 (P = 2024-01-02 .. 03-31), each currency in its own money:
//   USD: AR = 1000 − 100 = 900, current = U1 1000, sales = U1 1000
//   EUR: AR = 2000 + 1000 = 3000, current = E1 2000, sales = E1 2000
//   GBP: AR = 850 + 425 = 1275, current = G1 850, sales = 850 + 425 = 1275
// In USD at 03-31 (EUR × 1.10, GBP × 1.10 / 0.85):
//   AR = 900 + 3300 + 1650 = 5850.00; current = 1000 + 2200 + 1100 = 4300.00; sales = 1000 + 2200 + 1650 = 4850.00
//   DSO = 5850 / 4850 × 90 = 108.556701...; BPDSO = 4300 / 4850 × 90 = 79.793814...
// In EUR at 03-31 (USD ÷ 1.10, GBP ÷ 0.85):
//   AR = 818.1818... + 3000 + 1500 = 5318.181818... → 5318.18; current = 909.0909... + 2000 + 1000 → 3909.09;
//   sales = 909.0909... + 2000 + 1500 = 4409.0909... → 4409.09; DSO the same 108.556701... (one factor apart)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as reports from '../../server/queries/reports.ts';
import { worklist } from '../../server/queries/worklist.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { appOn } from '../helpers/app-on.ts';
import { invoice, ledger, promise } from '../helpers/rows.ts';
import { agingLines } from '../helpers/aging.ts';

const rate = (rate_date: string, currency: string, units_per_base: string) => ({ rate_date, currency, units_per_base, base: 'EUR' });

export const THREE_CURRENCIES = ledger({
  customers: [
    { customer_id: 'C-US', name: 'Acme Inc', currency: 'USD' },
    { customer_id: 'C-EU', name: 'Euro GmbH', currency: 'EUR' }
  ],
  invoices: [
    invoice('U1', 'C-US', '2024-03-01', '2024-03-31', '1000.00').paid('PU1', '2024-04-06', '1000.00'),
    invoice('U2', 'C-US', '2023-10-01', '2023-10-31', '500.00').paid('PU2', '2023-11-15', '600.00'),
    invoice('E1', 'C-EU', '2024-03-10', '2024-04-09', '2000.00').paid('PE1', '2024-04-03', '1000.00'),
    invoice('E2', 'C-EU', '2023-11-01', '2023-12-01', '1200.00').paid('PE2', '2024-03-15', '200.00'),
    invoice('G1', 'C-GB', '2024-03-20', '2024-04-19', '850.00', { currency: 'GBP' }),
    invoice('G2', 'C-GB', '2024-02-01', '2024-03-02', '425.00', { currency: 'gbp' }).paid('PG2', '2024-04-02', '425.00'),
    invoice('G3', 'C-GB', '2024-04-04', '2024-05-04', '400.00', { currency: 'GBP' })
  ],
  // a cost in EUR and an activity's cost without a currency (the home currency, USD)
  costs: [{ cost_date: '2024-04-02', category: 'agency', amount: '50.00', currency: 'EUR' }],
  activities: [{ activity_id: 'T1', customer_id: 'C-GB', activity_date: '2024-04-03', channel: 'call', cost: '10.00' }],
  fx_rates: [
    rate('2024-03-01', 'USD', '1.08'),
    rate('2024-03-22', 'USD', '1.09'),
    rate('2024-03-22', 'GBP', '0.86'),
    rate('2024-03-28', 'USD', '1.10'),
    rate('2024-03-28', 'GBP', '0.85'),
    rate('2024-04-05', 'USD', '1.20'),
    rate('2024-04-05', 'GBP', '0.80')
  ]
});

const D = '2024-03-31';
const book = appOn(() => ledgerDatabase(THREE_CURRENCIES));

describe('as-of KPIs in a reporting currency', () => {
  it('converts each currency total at the as-of date into USD, the home currency', async () => {
    const k = await reports.kpis(book.db, { as_of: D, window: 90 });
    expect(k).toMatchObject({ currency: 'USD', ar: 5850, current_ar: 4300, past_due_ar: 1550, sales: 4850 });
    expect(k.dso).toBeCloseTo((5850 / 4850) * 90, 9);
    expect(k.bpdso).toBeCloseTo((4300 / 4850) * 90, 9);
    expect(k.add).toBeCloseTo((1550 / 4850) * 90, 9);
    expect(k.past_due_share).toBeCloseTo(1550 / 5850, 12);
  });

  it('converts the same totals into EUR, rounding each figure to cents once', async () => {
    const k = await reports.kpis(book.db, { as_of: D, window: 90, currency: 'EUR' });
    // 900 / 1.1 + 3000 + 1275 / 0.85 = 5318.1818...; 1000 / 1.1 + 2000 + 850 / 0.85 = 3909.0909...
    expect(k).toMatchObject({ currency: 'EUR', ar: 5318.18, current_ar: 3909.09, sales: 4409.09 });
    // past due: −100 / 1.1 + 1000 + 425 / 0.85 = 1409.0909... → 1409.09
    expect(k.past_due_ar).toBe(1409.09);
    // a ratio of two figures in one currency does not depend on which one
    expect(k.dso).toBeCloseTo((5850 / 4850) * 90, 9);
  });

  it('keeps each currency apart, unconverted, in by_currency', async () => {
    const k = await reports.kpis(book.db, { as_of: D, window: 90 });
    const own = Object.fromEntries(k.by_currency!.map((c) => [c.currency, c]));
    expect(Object.keys(own).sort()).toEqual(['EUR', 'GBP', 'USD']);
    expect(own.USD).toMatchObject({ ar: 900, current_ar: 1000, past_due_ar: -100, sales: 1000 });
    expect(own.EUR).toMatchObject({ ar: 3000, current_ar: 2000, past_due_ar: 1000, sales: 2000 });
    expect(own.GBP).toMatchObject({ ar: 1275, current_ar: 850, past_due_ar: 425, sales: 1275 });
    expect(own.EUR.dso).toBeCloseTo((3000 / 2000) * 90, 9);
  });

  it('counts back over converted blocks: sales of the last 30 days cover the AR', async () => {
    // B_0 = [03-02, 03-31]: E1 2000 × 1.1 + G1 850 × 1.1 / 0.85 = 3300 < AR 5850 → r = 2550, days 30;
    // B_1 = [01-31, 03-01]: U1 1000 + G2 425 × 1.1 / 0.85 = 550 → 1550 < 2550 → r = 1000, days 60;
    // B_2 = [01-01, 01-30]: nothing; B_3 = [12-02, 12-31]: nothing; B_4 = [11-02, 12-01]: nothing;
    // B_5 = [10-03, 11-01]: E2 1200 × 1.1 = 1320 ≥ 1000 → days = 150 + 30 × 1000 / 1320 = 172.7272...
    const k = await reports.kpis(book.db, { as_of: D, window: 90 });
    expect(k.countback_dso).toBeCloseTo(150 + (30 * 1000) / 1320, 9);
  });
});

describe('aging with credits', () => {
  it('ages positive balances, puts the over-payment on the credits line (not in 120+), in USD', async () => {
    const a = await reports.aging(book.db, { as_of: D });
    // current: U1 1000 + E1 2200 + G1 1100; 1-30: G2 (29 days) 550; 120+: E2 (121 days) 1100 only
    expect(a.buckets).toEqual(agingLines({ current: [4300, 3], '1-30': [550, 1], '120+': [1100, 1] }));
    // U2, over-paid by 100 and 152 days past due, is a credit
    expect(a.credits).toEqual({ balance: -100, invoices: 1 });
    // 4300 + 550 + 1100 − 100 = 5850 = AR
    expect(a.total).toBe(5850);
    expect(a.currency).toBe('USD');
  });

  it('gives the same lines in EUR, and each currency unconverted', async () => {
    const a = await reports.aging(book.db, { as_of: D, currency: 'eur' });
    expect(a.currency).toBe('EUR');
    // current 909.0909... + 2000 + 1000 → 3909.09; 1-30: 425 / 0.85 = 500; 120+: 1000; credits −100 / 1.1 → −90.91
    expect(a.buckets.map((b) => b.balance)).toEqual([3909.09, 500, 0, 0, 0, 1000]);
    expect(a.credits).toEqual({ balance: -90.91, invoices: 1 });
    expect(a.total).toBe(5318.18);
    const usd = a.by_currency!.find((c) => c.currency === 'USD')!;
    expect(usd).toEqual({
      currency: 'USD',
      buckets: agingLines({ current: [1000, 1] }),
      credits: { balance: -100, invoices: 1 },
      total: 900
    });
    expect(a.by_currency!.find((c) => c.currency === 'GBP')!.total).toBe(1275);
  });

  it('lists the invoices behind the credits line', async () => {
    const { status, body } = await book.get(`/api/invoices?as_of=${D}&bucket=credits`);
    expect(status).toBe(200);
    expect(body.invoices.map((i: { invoice_id: string }) => i.invoice_id)).toEqual(['U2']);
    expect(body).toMatchObject({ count: 1, balance: -100, currency: 'USD' });
  });
});

// The aged balance by customer at D in USD (EUR × 1.10, GBP × 1.10 / 0.85 = × 1.2941176...):
//   C-US: current U1 1000, credits U2 −100 → 900; C-EU: current E1 2200, 120+ E2 1100 → 3300;
//   C-GB: current G1 1100, 1-30 G2 550 → 1650. Columns add up to aging's lines, total 5850 = AR.
// In EUR (USD ÷ 1.10, GBP ÷ 0.85): C-US current 909.0909... → 909.09, credits −90.9090... → −90.91,
//   total 818.1818... → 818.18 (rounded once, not 909.09 − 90.91 = 818.18 by luck: see the total);
//   C-EU 2000 / 1000 → 3000; C-GB current 1000, 1-30 500 → 1500; total 5318.1818... → 5318.18.
describe('aged balance by customer in a reporting currency', () => {
  const cells = (body: { customers: { customer_id: string; balances: Record<string, number>; total: number }[] }) =>
    Object.fromEntries(
      body.customers.map((c) => [
        c.customer_id,
        { ...Object.fromEntries(Object.entries(c.balances).filter(([, v]) => v !== 0)), total: c.total }
      ])
    );

  it('converts each customer’s cells at the as-of date’s rates, in USD', async () => {
    const { status, body } = await book.get(`/api/aged-balance?as_of=${D}`);
    expect(status).toBe(200);
    expect(body.currency).toBe('USD');
    expect(cells(body)).toEqual({
      'C-US': { current: 1000, credits: -100, total: 900 },
      'C-EU': { current: 2200, '120+': 1100, total: 3300 },
      'C-GB': { current: 1100, '1-30': 550, total: 1650 }
    });
    expect(body.totals).toMatchObject({ balances: { current: 4300, '1-30': 550, '120+': 1100, credits: -100 }, total: 5850, invoices: 6 });
    expect(body.currencies).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('gives the same table in EUR, each figure rounded once, and equal to aging in EUR', async () => {
    const { body } = await book.get(`/api/aged-balance?as_of=${D}&currency=eur`);
    expect(body.currency).toBe('EUR');
    expect(cells(body)).toEqual({
      'C-US': { current: 909.09, credits: -90.91, total: 818.18 },
      'C-EU': { current: 2000, '120+': 1000, total: 3000 },
      'C-GB': { current: 1000, '1-30': 500, total: 1500 }
    });
    const aging = await reports.aging(book.db, { as_of: D, currency: 'EUR' });
    expect(body.totals.balances).toEqual({
      ...Object.fromEntries(aging.buckets.map((b) => [b.bucket, b.balance])),
      credits: aging.credits.balance
    });
    expect(body.totals.total).toBe(aging.total);
    expect(body.totals.total).toBe(5318.18);
  });

  it('answers a cell in the reporting currency with its invoices in their own', async () => {
    const { body } = await book.get(`/api/aged-balance/invoices?as_of=${D}&customer_id=C-GB&column=current&currency=EUR`);
    expect(body).toMatchObject({ currency: 'EUR', balance: 1000 });
    expect(body.invoices).toEqual([expect.objectContaining({ invoice_id: 'G1', currency: 'GBP', balance: 850 })]);
  });

  it('refuses a reporting currency without rates with 422', async () => {
    const { status, body } = await book.get(`/api/aged-balance?as_of=${D}&currency=JPY`);
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain('JPY');
  });
});

// The week 2024-04-01 .. 04-07 spans the rate change of 04-05: every figure of the period, AR(a − 1)
// included, is converted at the rates of its last day b = 04-07 (USD 1.20, GBP 0.80).
//   own money:  AR(03-31)  sales  AR(04-07)  current(04-07)  cash
//   USD           900        0      −100          0          1000 (U1)
//   EUR          3000        0      2000        1000          1000 (E1)
//   GBP          1275      400      1250        1250           425 (G2)
// In USD (EUR × 1.2, GBP × 1.5): AR(a−1) = 900 + 3600 + 1912.5 = 6412.5; sales = 600;
//   AR(b) = −100 + 2400 + 1875 = 4175; current = 1200 + 1875 = 3075; cash = 1000 + 1200 + 637.5 = 2837.5
//   CEI = (6412.5 + 600 − 4175) / (6412.5 + 600 − 3075) × 100 = 2837.5 / 3937.5 × 100 = 72.0634920...
//   (AR(a − 1) at 03-31's rates, 5850, would give 2275 / 3375 × 100 = 67.4)
//   costs: 50 EUR × 1.2 + 10 USD = 70 → cost per dollar 70 / 2837.5
describe('a period whose rates change inside it', () => {
  const week = { from: '2024-04-01', to: '2024-04-07' };

  it('converts AR(a − 1), sales, AR(b) and cash at the rates of b, in USD', async () => {
    const p = await reports.period(book.db, week);
    expect(p.currency).toBe('USD');
    expect(p.cei).toBeCloseTo((2837.5 / 3937.5) * 100, 9);
    expect(p.cash_collected).toBe(2837.5);
    expect(p.cost_per_dollar).toBeCloseTo(70 / 2837.5, 12);
  });

  it('gives the same CEI in EUR and the cash to the cent', async () => {
    const p = await reports.period(book.db, { ...week, currency: 'EUR' });
    // cash 1000 / 1.2 + 1000 + 425 / 0.8 = 833.333... + 1000 + 531.25 = 2364.5833... → 2364.58
    expect(p.cash_collected).toBe(2364.58);
    expect(p.cei).toBeCloseTo((2837.5 / 3937.5) * 100, 9);
  });

  it('converts the recovery bases (balances at a − 1) and recoveries at b', async () => {
    const p = await reports.period(book.db, week);
    const byBucket = Object.fromEntries(p.recovery.map((r) => [r.bucket, r]));
    // current at 03-31: U1 1000 + E1 2000 × 1.2 + G1 850 × 1.5 = 4675; recovered U1 1000 + E1 1000 × 1.2 = 2200
    expect(byBucket.current).toMatchObject({ base: 4675, recovered: 2200 });
    expect(byBucket.current.rate).toBeCloseTo(2200 / 4675, 12);
    // 1-30: G2 425 × 1.5 = 637.5, paid whole; 120+: E2 1000 × 1.2 = 1200, nothing paid; the credit U2 is no base
    expect(byBucket['1-30']).toMatchObject({ base: 637.5, recovered: 637.5, rate: 1 });
    expect(byBucket['120+']).toMatchObject({ base: 1200, recovered: 0, rate: 0 });
  });

  it('gives each series point its own date: the week ending 03-31 at 03-31 rates', async () => {
    const s = await reports.series(book.db, { from: '2024-03-25', to: '2024-04-07', grain: 'week', window: 90 });
    expect(s.points.map((p) => [p.to, p.ar])).toEqual([
      ['2024-03-31', 5850],
      ['2024-04-07', 4175]
    ]);
  });
});

// Promises in three currencies, all kept by 04-07 (the as-of date):
//   X1 C-EU 500 EUR (its own column) on E1, made 03-28, for 04-03: E1 paid 1000 on 04-03 → kept 04-03
//   X2 C-GB 100 GBP, no invoice, made 04-01, for 04-10: C-GB paid 425 on 04-02 → kept 04-02
//   X3 C-US 50, no currency (the home currency, USD), made 04-05, for 04-12: U1 paid 1000 on 04-06 → kept
// Summary at 04-07's rates: in USD 500 × 1.2 + 100 × 1.5 + 50 = 800; in EUR 500 + 100 / 0.8 + 50 / 1.2
//   = 500 + 125 + 41.666... = 666.67 (rounded once).
describe('promises in a reporting currency', () => {
  const promised = appOn(() =>
    ledgerDatabase({
      ...THREE_CURRENCIES,
      activities: [
        promise('X1', 'C-EU', 'call', '2024-03-28', '2024-04-03', '500.00', { invoice_id: 'E1', currency: 'EUR' }),
        promise('X2', 'C-GB', 'email', '2024-04-01', '2024-04-10', '100.00', { currency: 'GBP' }),
        promise('X3', 'C-US', 'call', '2024-04-05', '2024-04-12', '50.00')
      ]
    })
  );

  const promisesAt = async (query: string) => (await promised.app.request(`/api/promises?as_of=2024-04-07${query}`)).json();

  it('keeps each promise in its own currency and converts the summary, in USD', async () => {
    const body = await promisesAt('');
    expect(body.currency).toBe('USD');
    expect(
      body.promises.map((p: { activity_id: string; currency: string; promised_amount: number; status: string }) => [
        p.activity_id,
        p.currency,
        p.promised_amount,
        p.status
      ])
    ).toEqual([
      ['X1', 'EUR', 500, 'kept'],
      ['X2', 'GBP', 100, 'kept'],
      ['X3', 'USD', 50, 'kept']
    ]);
    expect(body.summary.find((s: { status: string }) => s.status === 'kept')).toEqual({
      status: 'kept',
      promises: 3,
      promised_amount: 800
    });
  });

  it('converts the summary into EUR, rounded once', async () => {
    const body = await promisesAt('&currency=EUR');
    expect(body.summary.find((s: { status: string }) => s.status === 'kept')).toEqual({
      status: 'kept',
      promises: 3,
      promised_amount: 666.67
    });
  });
});

// Collector performance over the same week, with C-US and C-EU in Ann's book (C-GB has no master
// row: no collector). Money at the rates of b = 04-07 (EUR × 1.2, GBP × 1.5):
//   Ann: cash U1 1000 + E1 1000 × 1.2 = 2200; AR(a − 1) = 900 + 3600 = 4500, no sales,
//        AR(b) = −100 + 2400 = 2300, current(b) = E1 1200: CEI = 2200 / 3300 × 100 = 66.666...
//   no collector: cash G2 425 × 1.5 = 637.5; AR(a − 1) 1912.5, sales G3 600, AR(b) = current(b) = 1875:
//        CEI = 637.5 / 637.5 × 100 = 100
// In EUR: Ann's cash 1000 / 1.2 + 1000 = 1833.333... → 1833.33; no collector 425 / 0.8 = 531.25.
describe('collector performance in a reporting currency', () => {
  const booked = appOn(() =>
    ledgerDatabase({ ...THREE_CURRENCIES, customers: THREE_CURRENCIES.customers!.map((c) => ({ ...c, collector: 'Ann' })) })
  );

  const performance = async (query: string) => {
    const response = await booked.app.request(`/api/performance?from=2024-04-01&to=2024-04-07${query}`);
    return { status: response.status, body: await response.json() };
  };

  it('converts each book’s cash and CEI figures at the rates of the period’s last day, in USD', async () => {
    const { status, body } = await performance('');
    expect(status).toBe(200);
    expect(body.currency).toBe('USD');
    const byCollector = Object.fromEntries(body.collectors.map((c: { collector: string | null }) => [String(c.collector), c]));
    expect(byCollector.Ann).toMatchObject({ cash_collected: 2200, touches: 0 });
    expect(byCollector.Ann.cei).toBeCloseTo((2200 / 3300) * 100, 10);
    expect(byCollector.null).toMatchObject({ cash_collected: 637.5, touches: 1, cei: 100 });
  });

  it('gives cash in EUR rounded once, and the same CEI', async () => {
    const { body } = await performance('&currency=EUR');
    expect(body.currency).toBe('EUR');
    const byCollector = Object.fromEntries(body.collectors.map((c: { collector: string | null }) => [String(c.collector), c]));
    expect(byCollector.Ann.cash_collected).toBe(1833.33);
    // conversion keeps 8 decimals (−100 / 1.2 = −83.33333333): CEI agrees to 10^-8
    expect(byCollector.Ann.cei).toBeCloseTo((2200 / 3300) * 100, 8);
    expect(byCollector.null.cash_collected).toBe(531.25);
  });

  it('refuses a reporting currency without rates with 422', async () => {
    const { status, body } = await performance('&currency=JPY');
    expect(status).toBe(422);
    expect(body.error).toBe('no exchange rate for JPY on or before 2024-04-07: load fx_rates quoting JPY');
  });
});

describe('a missing rate', () => {
  // on 03-15 there is a USD rate (03-01) but no GBP rate yet, and G2 (GBP 425) is open
  it('fails the report with 422 naming the currency and the date', async () => {
    const { status, body } = await book.get('/api/kpis?as_of=2024-03-15');
    expect(status).toBe(422);
    expect(body.error).toMatch(/^no exchange rate for GBP on or before 2024-03-15/);
    expect((await book.get('/api/aging?as_of=2024-03-15')).status).toBe(422);
    expect((await book.get('/api/period?from=2024-03-11&to=2024-03-15')).status).toBe(422);
    expect((await book.get('/api/worklist?as_of=2024-03-15')).status).toBe(422);
  });

  it('names the reporting currency when it is the one without a rate', async () => {
    // on 2024-01-20 E2 (EUR, the base) is open; a USD report needs rate(USD), which starts 03-01
    const { status, body } = await book.get('/api/kpis?as_of=2024-01-20');
    expect(status).toBe(422);
    expect(body.error).toMatch(/^no exchange rate for USD on or before 2024-01-20/);
  });

  it('needs no rate for a currency with nothing to convert, nor for amounts already in the currency asked for', async () => {
    // on 2023-10-15 only U2 (USD 500, dated 10-01) exists: EUR and GBP figures are all zero
    const k = await reports.kpis(book.db, { as_of: '2023-10-15', window: 90 });
    expect(k).toMatchObject({ currency: 'USD', ar: 500, current_ar: 500, sales: 500 });
  });

  it('answers 400 naming the parameter for a malformed currency', async () => {
    const { status, body } = await book.get('/api/kpis?as_of=2024-03-31&currency=EURO');
    expect(status).toBe(400);
    expect(body.error).toMatch(/^currency: must be a three-letter currency code/);
  });
});

describe('the worklist in a reporting currency', () => {
  it('converts each customer balance at the as-of date and keeps each invoice in its own currency', async () => {
    const report = await worklist(book.db, { as_of: D, currency: 'EUR' });
    expect(report.currency).toBe('EUR');
    const eu = report.items.find((i) => i.customer_id === 'C-EU')!;
    // E1 2000 + E2 1000, EUR already
    expect(eu).toMatchObject({ open_balance: 3000, past_due_balance: 1000 });
    const gb = report.items.find((i) => i.customer_id === 'C-GB')!;
    // G1 850 + G2 425 = 1275 GBP ÷ 0.85 = 1500 EUR; past due G2 500; the customer has no master row
    expect(gb).toMatchObject({ open_balance: 1500, past_due_balance: 500, name: 'C-GB' });
    expect(gb.invoices.map((i) => [i.invoice_id, i.currency, i.balance])).toEqual([
      ['G2', 'GBP', 425],
      ['G1', 'GBP', 850]
    ]);
  });
});

describe('the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radar-fx-'));
  const file = join(dir, 'fx.duckdb');
  beforeAll(async () => (await ledgerDatabase(THREE_CURRENCIES, file)).close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => spawnSync('node_modules/.bin/tsx', ['server/cli.ts', ...args, '--db', file], { encoding: 'utf8' });

  it('reports in the currency asked for with --currency', () => {
    const result = cli('kpis', '--as-of', D, '--currency', 'EUR', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ currency: 'EUR', ar: 5318.18 });
  });

  it('exits 1 with one line naming the currency and date when a rate is missing', () => {
    const result = cli('aging', '--as-of', '2024-03-15', '--json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/no exchange rate for GBP on or before 2024-03-15/);
  });
});
