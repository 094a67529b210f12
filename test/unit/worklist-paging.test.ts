// The worklist says how many customers it holds whatever the page size, so the page can say
// "showing 2 of 3" and reach the rest with offset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db.ts';
import { worklist } from '../../server/queries/worklist.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { customer, invoice, ledger } from '../helpers/rows.ts';

let db: Database;

// three customers past due at 2024-06-30, one not (I4 is due later): the worklist holds three
beforeAll(async () => {
  db = await ledgerDatabase(
    ledger({
      customers: [
        customer('C1', 'One', 'Ann'),
        customer('C2', 'Two', 'Ann'),
        customer('C3', 'Three', 'Bob'),
        customer('C4', 'Four', 'Bob')
      ],
      invoices: [
        invoice('I1', 'C1', '2024-04-01', '2024-05-01', '900.00'),
        invoice('I2', 'C2', '2024-04-01', '2024-05-01', '500.00'),
        invoice('I3', 'C3', '2024-04-01', '2024-05-01', '100.00'),
        invoice('I4', 'C4', '2024-06-20', '2024-07-20', '700.00')
      ]
    })
  );
});

afterAll(() => db.close());

describe('worklist paging', () => {
  it('answers the whole count with every page, and the rest through offset', async () => {
    const all = await worklist(db, { as_of: '2024-06-30' });
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.customer_id).sort()).toEqual(['C1', 'C2', 'C3']);
    const first = await worklist(db, { as_of: '2024-06-30', limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((i) => i.customer_id)).toEqual(all.items.slice(0, 2).map((i) => i.customer_id));
    const rest = await worklist(db, { as_of: '2024-06-30', limit: 2, offset: 2 });
    expect(rest).toMatchObject({ total: 3, items: [{ customer_id: all.items[2].customer_id }] });
    // past the end: nothing to show, the count still told
    expect(await worklist(db, { as_of: '2024-06-30', limit: 2, offset: 5 })).toMatchObject({ total: 3, items: [] });
    expect((await worklist(db, { as_of: '2024-06-30', collector: 'Bob' })).total).toBe(1);
  });
});
