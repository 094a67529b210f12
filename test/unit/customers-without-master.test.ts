// Every customer the ledger names is a customer (metrics.md "Canonical data"), with or without a
// customers file: the IBM sample has none, so each of its 100 customer ids must have a page, a
// worklist row when it owes past-due money, and a drift entry, all named by the id. And one rule
// for "in dispute at a date": the sample's Yes/No flag (no dates) counts from the invoice date.
import { describe, expect, it } from 'vitest';
import { drift } from '../../server/queries/drift.ts';
import { worklist } from '../../server/queries/worklist.ts';
import { ibmSampleDatabase } from '../../support/databases.ts';
import { appOn } from '../helpers/app-on.ts';

const book = appOn(() => ibmSampleDatabase());

describe('the IBM sample, loaded without a customers file', () => {
  it('knows every customer id of the ledger: 100 customers, each named by its id', async () => {
    const [{ customers, named_by_id }] = await book.db.read<{ customers: number; named_by_id: number }>(
      'select count(*)::integer as customers, count(*) filter (where name = customer_id)::integer as named_by_id from all_customers'
    );
    expect(customers).toBe(100);
    expect(named_by_id).toBe(100);
  });

  it('resolves every drifting customer on the overview through the API', async () => {
    const report = await drift(book.db, { as_of: '2013-12-02', limit: 10 });
    expect(report.customers).toHaveLength(10);
    for (const entry of report.customers) {
      const { status, body } = await book.get(`/api/customers/${encodeURIComponent(entry.customer_id)}?as_of=2013-12-02`);
      expect(status, entry.customer_id).toBe(200);
      expect(body.customer).toMatchObject({ customer_id: entry.customer_id, name: entry.customer_id });
      expect(body.drift.customer_id).toBe(entry.customer_id);
    }
  });

  it('lists in /api/customers the customers the worklist chases, with the same balances', async () => {
    // 2013-06-30: many invoices open and past due
    const items = (await worklist(book.db, { as_of: '2013-06-30' })).items;
    expect(items.length).toBeGreaterThan(10);
    const { body } = await book.get('/api/customers?as_of=2013-06-30&limit=1000');
    const byId = new Map(body.customers.map((c: { customer_id: string }) => [c.customer_id, c]));
    for (const item of items) {
      expect(byId.get(item.customer_id), item.customer_id).toMatchObject({
        open_balance: item.open_balance,
        past_due_balance: item.past_due_balance
      });
    }
  });

  it('counts a Yes/No-disputed open invoice as in dispute in the open invoices and the worklist alike', async () => {
    const asOf = '2013-06-30';
    const disputed = await book.db.read<{ customer_id: string; invoices: number }>(
      `select customer_id, count(*)::integer as invoices from open_invoices($1::date) where in_dispute and balance > 0 group by customer_id`,
      [asOf]
    );
    expect(disputed.length).toBeGreaterThan(0);
    const items = new Map((await worklist(book.db, { as_of: asOf })).items.map((i) => [i.customer_id, i]));
    for (const row of disputed) expect(items.get(row.customer_id)?.open_disputes, row.customer_id).toBe(row.invoices);
    // and the customers list counts the same disputes
    const { body } = await book.get(`/api/customers?as_of=${asOf}&limit=1000`);
    for (const row of disputed) {
      expect(body.customers.find((c: { customer_id: string }) => c.customer_id === row.customer_id).disputed_invoices).toBe(row.invoices);
    }
  });
});
