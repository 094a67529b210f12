// The IBM AR sample (100 customers, 2012–2013, every invoice settled): each row an invoice paid in
// full on its SettledDate. Contrary to what one might expect, its late share FALLS from 2012 to
// 2013 (39 % → 32 % of invoices by invoice year), so a sensible drift ranking flags nobody at the
// end of 2013 and puts the customers that did get slower above those that got faster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db.ts';
import { drift } from '../../server/queries/drift.ts';
import { worklist } from '../../server/queries/worklist.ts';
import { ibmSampleDatabase } from '../../support/databases.ts';

const D = '2013-12-31';
let db: Database;

beforeAll(async () => {
  db = await ibmSampleDatabase();
});

afterAll(() => db.close());

describe('drift on the IBM sample', () => {
  it('reads a late share that falls from 2012 to 2013', async () => {
    const rows = await db.read<{ year: number; late_share: number }>(
      `select year(invoice_date)::integer as year, round(avg((paid_on > due_date)::integer), 2)::double as late_share
       from invoice_pay_dates group by all order by year`
    );
    expect(rows).toEqual([
      { year: 2012, late_share: 0.39 },
      { year: 2013, late_share: 0.32 }
    ]);
  });

  it('flags nobody at the end of 2013, when the portfolio pays faster than before', async () => {
    const report = await drift(db, { as_of: D });
    expect(report.customers).toHaveLength(99);
    expect(report.customers.filter((c) => c.flagged)).toEqual([]);
  });

  it('ranks the customers that got slower above those that got faster', async () => {
    const report = await drift(db, { as_of: D });
    const changes = await db.read<{ customer_id: string; change: number }>(
      `select p.customer_id,
         (avg(p.paid_on - p.due_date) filter (where p.paid_on > date '2013-06-30')
          - avg(p.paid_on - p.due_date) filter (where p.paid_on <= date '2013-06-30'))::double as change
       from invoice_pay_dates as p
       where p.paid_on <= date '2013-12-31' and p.disputed_on is null
       group by p.customer_id`
    );
    const changeOf = new Map(changes.map((c) => [c.customer_id, c.change]));
    const meanChange = (ids: string[]) => {
      const values = ids.map((id) => changeOf.get(id)).filter((x): x is number => x !== null && x !== undefined);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const ranked = report.customers.map((c) => c.customer_id);
    // days late in the second half of 2013 minus before: top ten ≈ +0.3 days, the rest ≈ −4.1
    expect(meanChange(ranked.slice(0, 10))).toBeGreaterThan(meanChange(ranked.slice(10)) + 3);
  });

  it('lists at the end of 2013 the customers with invoices past due then and settled in 2014', async () => {
    const report = await worklist(db, { as_of: D });
    const [{ n }] = await db.read<{ n: number }>(
      `select count(distinct customer_id)::integer as n from invoice_pay_dates where due_date < date '2013-12-31' and paid_on > date '2013-12-31'`
    );
    expect(report.items).toHaveLength(n);
    expect(report.items.every((i) => i.past_due_balance > 0 && i.reasons.length > 0)).toBe(true);
  });
});
