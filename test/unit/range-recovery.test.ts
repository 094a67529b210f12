// Recovery by aging bucket for a free range [a, b] (metrics.md): the invoices whose balance was
// positive on a − 1, by their bucket that day; base = those balances, recovered = their payments
// dated in [a, b]. A free range reads core/payment_base_days; these are its edge cases, by hand.
// Buckets: current (≤ 0 days past due), 1-30, 31-60, 61-90, 91-120, 120+. USD throughout.
//
// inv cust  dated       due         amount  what happens
// H   C1    2024-03-01  2024-03-31  1000    paid 300 on 04-15, 200 on 05-10, 500 on 05-20 (partial payments)
// I   C1    2024-05-05  2024-06-04   400    paid 400 on 05-25 (issued inside May)
// J   C2    2024-01-10  2024-02-09   600    written off 600 on 04-20, then paid 600 on 05-15
// K   C2    2024-04-01  2024-05-01   250    over-paid 300 on 04-10 (−50), paid 20 more on 05-12
// L   C2    2024-04-20  2024-05-20   500    credit note 100 on 04-25, paid 400 on 05-18
// M   C3    2023-11-01  2023-12-01   900    paid 200 on 05-10, credit note 100 on 05-05, write-off 300 on 05-28
// P   C1    2024-04-30  2024-05-30   300    paid 100 on 04-25 (before its own date), 200 on 05-03
// Q   C3    2024-04-01  2024-04-30   100    paid 40 on 05-01, 60 on 06-01
// C1 and C2 are Ann's book, C3 Bob's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db.ts';
import * as reports from '../../server/queries/reports.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { customer, invoice, ledger } from '../helpers/rows.ts';

let db: Database;

beforeAll(async () => {
  db = await ledgerDatabase(
    ledger({
      customers: [customer('C1', 'One Ltd', 'Ann'), customer('C2', 'Two Ltd', 'Ann'), customer('C3', 'Three Ltd', 'Bob')],
      invoices: [
        invoice('H', 'C1', '2024-03-01', '2024-03-31', '1000.00')
          .paid('PH1', '2024-04-15', '300.00')
          .paid('PH2', '2024-05-10', '200.00')
          .paid('PH3', '2024-05-20', '500.00'),
        invoice('I', 'C1', '2024-05-05', '2024-06-04', '400.00').paid('PI1', '2024-05-25', '400.00'),
        invoice('J', 'C2', '2024-01-10', '2024-02-09', '600.00').paid('PJ1', '2024-05-15', '600.00'),
        invoice('K', 'C2', '2024-04-01', '2024-05-01', '250.00').paid('PK1', '2024-04-10', '300.00').paid('PK2', '2024-05-12', '20.00'),
        invoice('L', 'C2', '2024-04-20', '2024-05-20', '500.00').paid('PL1', '2024-05-18', '400.00'),
        invoice('M', 'C3', '2023-11-01', '2023-12-01', '900.00').paid('PM1', '2024-05-10', '200.00'),
        invoice('P', 'C1', '2024-04-30', '2024-05-30', '300.00').paid('PP1', '2024-04-25', '100.00').paid('PP2', '2024-05-03', '200.00'),
        invoice('Q', 'C3', '2024-04-01', '2024-04-30', '100.00').paid('PQ1', '2024-05-01', '40.00').paid('PQ2', '2024-06-01', '60.00')
      ],
      adjustments: [
        { adjustment_id: 'AJ', invoice_id: 'J', adjustment_date: '2024-04-20', amount: '600.00', kind: 'write_off' },
        { adjustment_id: 'AL', invoice_id: 'L', adjustment_date: '2024-04-25', amount: '100.00', kind: 'credit_note' },
        { adjustment_id: 'AM1', invoice_id: 'M', adjustment_date: '2024-05-05', amount: '100.00', kind: 'credit_note' },
        { adjustment_id: 'AM2', invoice_id: 'M', adjustment_date: '2024-05-28', amount: '300.00', kind: 'write_off' }
      ]
    })
  );
});

afterAll(() => db.close());

/** The buckets with a base or a recovery, as [base, recovered]. */
async function recovery(from: string, to: string, collector?: string) {
  const { recovery } = await reports.period(db, { from, to, collector });
  return Object.fromEntries(recovery.filter((r) => r.base || r.recovered).map((r) => [r.bucket, [r.base, r.recovered]]));
}

describe('recovery of a free range', () => {
  it('counts the payments of May on the invoices open on 04-30, by their bucket that day', async () => {
    // on 04-30: H 1000 − 300 = 700, 30 days past due (1-30); L 500 − 100 = 400, due 05-20 (current);
    // P 300 − 100 = 200 (dated 04-30 itself: it exists on the base day; the 100 of 04-25 counts from
    // its date), current; Q 100, due that day (current); M 900, 151 days past due (120+).
    // Not open: J (0 after its write-off), K (−50, a credit), I (dated 05-05).
    // May's payments on them: H 200 + 500, L 400, P 200, Q 40 (05-01, the first day; not 60 on 06-01), M 200;
    // not J's 600, K's 20, I's 400; M's credit note and write-off are not recovery.
    expect(await recovery('2024-05-01', '2024-05-31')).toEqual({
      current: [400 + 200 + 100, 400 + 200 + 40],
      '1-30': [700, 700],
      '120+': [900, 200]
    });
  });

  it('counts a payment for a range whose day before the invoice was open, and not for one whose day before it was written off', async () => {
    // on 04-19 J was open: 600, 70 days past due (61-90); its 600 of 05-15 is recovery of [04-20, 05-31]
    expect((await recovery('2024-04-20', '2024-05-31'))['61-90']).toEqual([600, 600]);
    // the write-off is dated 04-20: J's balance that day is 0, so [04-21, 05-31] has no 61-90 at all
    expect((await recovery('2024-04-21', '2024-05-31'))['61-90']).toBeUndefined();
  });

  it('works the range from 04-15 through, partial payments before and inside it included', async () => {
    // on 04-14: H 1000 (14 days past due, 1-30), paid 300 + 200 + 500 in the range; J 600 (65 days,
    // 61-90), paid 600; M 900 (135 days, 120+), paid 200; Q 100 (due 04-30, current), paid 40.
    // K is already −50 (paid 300 on 04-10); L (04-20), P (04-30) and I (05-05) are dated later, so
    // P's 100 of 04-25 and I's 400 do not count
    expect(await recovery('2024-04-15', '2024-05-31')).toEqual({
      current: [100, 40],
      '1-30': [1000, 1000],
      '61-90': [600, 600],
      '120+': [900, 200]
    });
  });

  it('counts a payment on the last day and not the day after', async () => {
    // Q 60 on 06-01: [05-01, 06-01] has it (Q current on 04-30), [05-01, 05-31] has not (first test)
    expect((await recovery('2024-05-01', '2024-06-01')).current).toEqual([700, 640 + 60]);
    // a one-day range, 05-10: on 05-09 H is 700 (39 days past due, 31-60), M 900 − 100 = 800 (160
    // days, 120+), I 400 and L 400 current, Q 60 (9 days, 1-30); P is paid off (05-03). On 05-10: H 200, M 200
    expect(await recovery('2024-05-10', '2024-05-10')).toEqual({
      current: [400 + 400, 0],
      '1-30': [60, 0],
      '31-60': [700, 200],
      '120+': [800, 200]
    });
  });

  it('gives each book its own invoices, and the books add up to the portfolio', async () => {
    // Ann (C1, C2): H, L, P of the first test; Bob (C3): Q and M
    expect(await recovery('2024-05-01', '2024-05-31', 'Ann')).toEqual({ current: [600, 600], '1-30': [700, 700] });
    expect(await recovery('2024-05-01', '2024-05-31', 'Bob')).toEqual({ current: [100, 40], '120+': [900, 200] });
  });
});
