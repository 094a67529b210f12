// First start seeds the generated demo ledger; the first load of real data replaces it, in the
// same transaction, and a load that fails leaves the demo untouched.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { loadFiles } from '../../server/loading.ts';
import { applySchema, refreshModels } from '../../server/models.ts';
import * as reports from '../../server/queries/reports.ts';
import { isEmpty, seedDemoLedger } from '../../server/seed.ts';
import { IBM_SAMPLE } from '../../support/shared-data.ts';

let db: Database;
const count = async (table: string) => Number((await db.read<{ n: string }>(`select count(*) as n from ${table}`))[0].n);

beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.write((c) => applySchema(c).then(() => refreshModels(c)));
  expect(await isEmpty(db)).toBe(true);
  await seedDemoLedger(db);
}, 180_000);

afterAll(() => db.close());

describe('the demo ledger', () => {
  it('fills every table and the reports', async () => {
    expect(await isEmpty(db)).toBe(false);
    expect(await count('invoices')).toBe(70_000);
    for (const table of ['customers', 'payments', 'adjustments', 'activities', 'costs']) expect(await count(table)).toBeGreaterThan(0);
    // rates for USD, EUR and GBP on each of the 803 business days from 2023-10-25 to 2026-11-20
    expect(await count('fx_rates')).toBe(3 * 803);
    expect(await db.read(`select currency, count(*)::int as days from fx_rates group by currency order by currency`)).toEqual([
      { currency: 'EUR', days: 803 },
      { currency: 'GBP', days: 803 },
      { currency: 'USD', days: 803 }
    ]);
    expect(await db.read(`select distinct currency from invoices where currency not in (select currency from fx_rates)`)).toEqual([]);
    const k = await reports.kpis(db, { window: 90 });
    expect(k.as_of).toBe('2026-11-22');
    expect(k.ar).toBeGreaterThan(0);
    expect(k.dso).toBeGreaterThan(0);
  });

  it('stays when a load of real data fails', async () => {
    const before = await reports.kpis(db, { window: 90 });
    const bad = join(tmpdir(), `radar-bad-${process.pid}.csv`);
    writeFileSync(bad, 'invoice_id,customer_id,invoice_date,due_date,amount\nZ1,C1,2024-01-01,2024-01-31,-5\n');
    const result = await loadFiles(db, [{ path: bad, name: 'bad.csv' }]);
    expect(result.rejected).toHaveLength(1);
    expect(result.removedDemo).toBe(false);
    expect(await count('invoices')).toBe(70_000);
    expect(await reports.kpis(db, { window: 90 })).toEqual(before);
  });

  it('is replaced by the first load of real data', async () => {
    const result = await loadFiles(db, [{ path: IBM_SAMPLE, name: 'ibm-ar-sample.csv' }]);
    expect(result.rejected).toEqual([]);
    expect(result.removedDemo).toBe(true);
    expect(await count('invoices')).toBe(2466);
    expect(await count('customers')).toBe(0);
    expect(await count('activities')).toBe(0);
    expect(await count('fx_rates')).toBe(0);
    expect((await reports.kpis(db, { as_of: '2013-06-30', window: 90 })).ar).toBe(5119.85);
  });
});
