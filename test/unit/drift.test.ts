// The drift score on hand-built customers at D = 2024-12-31, invoices due on the 1st of each month
// from 2023-07 to 2024-12, 1,000.00 each. The norm is the year of payments ending D − 180
// (2024-07-04); the recent evidence is what came after, plus open invoices later than the norm.
//
// customer  habit                                                        expected at D
// STEADY_A  pays 2 days late                                             not flagged, "pays as usual (2 days late)"
// STEADY_B  pays 1 day early                                             not flagged
// STEADY_C  pays 5 days late                                             not flagged
// SLOW      2 days late, then 25 days late from the invoice due 09-01    flagged: "pays 23 days later than its 12-month norm"
// OPEN      2 days late, but 10-01, 11-01, 12-01 unpaid at D             flagged before any late payment arrives
//           (paid on 2025-01-20, after D: at D they were open)
// EARLY     2 days late, but 11-01 and 12-01 unpaid at D (paid 2025-01-25) flagged from two open invoices alone, no late payment yet
// OUTLIER   2 days late, one invoice (11-01) paid 100 days late          not flagged: one late invoice alone does not move it
// OPEN_ONE  2 days late, but 12-01 unpaid at D (paid 2025-02-10)          not flagged: one open late invoice is no slowdown
// TWO_APART 2 days late, 09-01 and 11-01 paid 100 days late, the others   not flagged: each outlier was followed by an invoice
//           on time                                                       paid as usual
// SECOND    2 days late, 11-01 paid 40 days late; its last invoice, due   flagged: the second late invoice shows while still open,
//           12-22, unpaid at D (9 days past due; paid 2025-01-30)           before it is past the threshold (not on 12-26, 4 days past due)
// THIN      first invoice due 2024-10-01, 30 days late                   no norm yet: score 0
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../../server/db.ts';
import { drift } from '../../server/queries/drift.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { habitRows, monthlyDues, type Habit } from '../helpers/risk-ledger.ts';

const D = '2024-12-31';
const dues = monthlyDues('2023-07-01', '2024-12-01');
const habits: Habit[] = [
  { customer_id: 'STEADY_A', dues, lateness: () => 2 },
  { customer_id: 'STEADY_B', dues, lateness: () => -1 },
  { customer_id: 'STEADY_C', dues, lateness: () => 5 },
  { customer_id: 'SLOW', dues, lateness: (due) => (due >= '2024-09-01' ? 25 : 2) },
  { customer_id: 'OPEN', dues, lateness: (due) => (due >= '2024-10-01' ? daysUntil(due, '2025-01-20') : 2) },
  { customer_id: 'EARLY', dues, lateness: (due) => (due >= '2024-11-01' ? daysUntil(due, '2025-01-25') : 2) },
  { customer_id: 'OUTLIER', dues, lateness: (due) => (due === '2024-11-01' ? 100 : 2) },
  { customer_id: 'OPEN_ONE', dues, lateness: (due) => (due === '2024-12-01' ? daysUntil(due, '2025-02-10') : 2) },
  { customer_id: 'TWO_APART', dues, lateness: (due) => (due === '2024-09-01' || due === '2024-11-01' ? 100 : 2) },
  {
    customer_id: 'SECOND',
    dues: [...monthlyDues('2023-07-01', '2024-11-01'), '2024-12-22'],
    lateness: (due) => (due === '2024-11-01' ? 40 : due === '2024-12-22' ? daysUntil(due, '2025-01-30') : 2)
  },
  { customer_id: 'THIN', dues: monthlyDues('2024-10-01', '2024-12-01'), lateness: () => 30 }
];

function daysUntil(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

let db: Database;
let pastOnly: Database;

beforeAll(async () => {
  const rows = habitRows(habits);
  db = await ledgerDatabase(rows);
  // the same ledger without anything dated after D: the score at D must not change
  pastOnly = await ledgerDatabase({ invoices: rows.invoices, payments: rows.payments.filter((p) => String(p.payment_date) <= D) });
});

afterAll(() => {
  db.close();
  pastOnly.close();
});

const byId = async (database: Database, asOf = D) =>
  new Map((await drift(database, { as_of: asOf })).customers.map((c) => [c.customer_id, c]));

/** A customer's entry at `asOf`, flagged as drifting. */
async function flaggedEntry(database: Database, id: string, asOf = D) {
  const entry = (await byId(database, asOf)).get(id)!;
  expect(entry.flagged, `${id} at ${asOf}`).toBe(true);
  return entry;
}

/** A customer's entry at `asOf`, not flagged and scored under `below` (10: no more than one late invoice alone). */
async function quietEntry(database: Database, id: string, { asOf = D, below = 10 } = {}) {
  const entry = (await byId(database, asOf)).get(id)!;
  expect(entry.flagged, `${id} at ${asOf}`).toBe(false);
  expect(entry.score, `${id} at ${asOf}`).toBeLessThan(below);
  return entry;
}

describe('drift score at an as-of date', () => {
  it('flags the customers that slowed down and nobody else', async () => {
    const report = await drift(db, { as_of: D });
    const flagged = report.customers.filter((c) => c.flagged).map((c) => c.customer_id);
    expect(flagged.sort()).toEqual(['EARLY', 'OPEN', 'SECOND', 'SLOW']);
  });

  it('ranks the slowdowns first, highest score first', async () => {
    const report = await drift(db, { as_of: D });
    expect(
      report.customers
        .slice(0, 4)
        .map((c) => c.customer_id)
        .sort()
    ).toEqual(['EARLY', 'OPEN', 'SECOND', 'SLOW']);
    const scores = report.customers.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(report.customers.every((c) => c.score >= 0 && c.score <= 100)).toBe(true);
  });

  it('says in words how much later a slower customer pays than its norm', async () => {
    const slow = (await byId(db)).get('SLOW')!;
    expect(slow.score).toBeGreaterThan(60);
    expect(slow.norm_days_late).toBe(2);
    expect(slow.reasons).toContain('pays 23 days later than its 12-month norm (usually 2 days late)');
  });

  it('sees a slowdown in open invoices before the late payments arrive', async () => {
    const open = await flaggedEntry(db, 'OPEN');
    // 10-01, 11-01 and 12-01 are 91, 60 and 30 days past due at D
    expect(open.open_late_invoices).toBe(3);
    expect(open.reasons).toContain('3 open invoices (3,000.00) already 30+ days past due, later than it usually pays (2 days late)');
  });

  it('flags a customer whose recent invoices are open and already later than its norm, before any late payment arrives', async () => {
    const early = await flaggedEntry(db, 'EARLY');
    // nothing paid late yet: every payment known at D was 2 days late
    expect(early.reasons.some((r) => r.startsWith('pays '))).toBe(false);
    expect(early.open_late_invoices).toBe(2);
    expect(early.reasons).toContain('2 open invoices (2,000.00) already 30+ days past due, later than it usually pays (2 days late)');
    expect(early.reasons).toContain(
      'its last 2 invoices paid or overdue were all later than usual (more than 12 days late; usually 2 days late)'
    );
    // a month earlier only one of them was overdue: not yet
    expect((await byId(db, '2024-11-30')).get('EARLY')!.flagged).toBe(false);
  });

  it('counts an open invoice well past its usual day as the second late one, before it is past the threshold', async () => {
    const second = await flaggedEntry(db, 'SECOND');
    // 12-22 is 9 days past due at D: past the norm (2) by 0.7 of the way to the threshold (12)
    expect(second.open_late_invoices).toBe(0);
    expect(second.reasons).toContain(
      'its last 2 invoices paid or overdue were all later than usual (1 of them more than 12 days late, 1 still unpaid past its usual day; usually 2 days late)'
    );
    // 4 days past due is within the customer's spread: one late invoice alone, as for OUTLIER
    await quietEntry(db, 'SECOND', { asOf: '2024-12-26' });
  });

  it('uses only what was known at D: payments dated after D change nothing', async () => {
    const [withFuture, without] = [await drift(db, { as_of: D }), await drift(pastOnly, { as_of: D })];
    expect(withFuture).toEqual(without);
  });

  it('is not moved by one very late invoice', async () => {
    await quietEntry(db, 'OUTLIER');
  });

  it('is not moved by one open invoice later than usual', async () => {
    const one = await quietEntry(db, 'OPEN_ONE');
    expect(one.open_late_invoices).toBe(1);
  });

  it('does not flag two outliers each followed by an invoice paid as usual', async () => {
    await quietEntry(db, 'TWO_APART', { below: 50 });
  });

  it('keeps steady payers low, whatever their usual pace', async () => {
    const customers = await byId(db);
    for (const id of ['STEADY_A', 'STEADY_B', 'STEADY_C']) {
      expect(customers.get(id)!.flagged).toBe(false);
      expect(customers.get(id)!.score).toBeLessThan(10);
    }
    expect(customers.get('STEADY_A')!.reasons).toEqual(['pays as usual (2 days late)']);
    expect(customers.get('STEADY_B')!.reasons).toEqual(['pays as usual (1 day early)']);
  });

  it('gives a customer without a norm score 0 and says why', async () => {
    const thin = (await byId(db)).get('THIN')!;
    expect(thin.score).toBe(0);
    expect(thin.reasons).toEqual(['too little payment history for a norm yet']);
  });

  it('sees nothing before the slowdown began', async () => {
    const before = await byId(db, '2024-08-31');
    expect(before.get('SLOW')!.flagged).toBe(false);
    expect(before.get('OPEN')!.flagged).toBe(false);
  });

  it('limits the list to the top N: the head of the whole report, tiers drawn over every customer, read once', async () => {
    const driftReads: string[] = [];
    const counting = {
      read: <T extends Record<string, unknown>>(sql: string, params?: DuckDBValue[]) => {
        if (sql.includes('from drift(')) driftReads.push(sql);
        return db.read<T>(sql, params);
      },
      remember: <T>(key: string, compute: () => Promise<T>) => db.remember(`counted ${key}`, compute)
    };
    const top = await drift(counting, { as_of: D, limit: 2 });
    const whole = await drift(counting, { as_of: D });
    expect(top.as_of).toBe(D);
    expect(top.customers).toEqual(whole.customers.slice(0, 2));
    expect(whole.customers.length).toBeGreaterThan(2);
    expect(top.customers.map((c) => c.customer_id)).toEqual(['SLOW', 'OPEN']);
    expect(driftReads).toHaveLength(1);
  });
});

// A customer that buys every other month and slowed from its invoice due 2024-05-15 (30 days late
// from then on, 2 before). At D = 2024-12-31 the norm's year ends 2024-07-04, so only 09-15 is due
// after it; 05-15 lies in the year's last quarter, which the change detector reads too
// (detector_days 270: invoices due after 2024-04-05). Both are late: flagged.
describe('a slowdown that began in the last quarter of the norm’s year', () => {
  let rare: Database;
  const every2 = monthlyDues('2022-01-15', '2024-05-15').filter((_, i) => i % 2 === 0);

  beforeAll(async () => {
    rare = await ledgerDatabase(
      habitRows([
        { customer_id: 'STEADY_A', dues: monthlyDues('2023-07-01', '2024-12-01'), lateness: () => 2 },
        { customer_id: 'RARE', dues: [...every2, '2024-09-15'], lateness: (due) => (due >= '2024-05-01' ? 30 : 2) }
      ])
    );
  });
  afterAll(() => rare.close());

  it('is still one run of two late invoices, and flags', async () => {
    const customer = await flaggedEntry(rare, 'RARE');
    expect(customer.norm_days_late).toBe(2);
    expect(customer.reasons).toContain(
      'its last 2 invoices paid or overdue were all later than usual (more than 13 days late; usually 2 days late)'
    );
    expect((await byId(rare)).get('STEADY_A')!.flagged).toBe(false);
  });

  it('would be one late invoice alone if the detector read only the 180 days after the norm', async () => {
    await rare.write((connection) => connection.run("update drift_settings set value = '180' where setting = 'detector_days'"));
    await quietEntry(rare, 'RARE');
  });
});
