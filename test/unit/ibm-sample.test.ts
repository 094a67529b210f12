// The IBM Watson AR sample (shared/data/ibm-ar-sample.csv) loaded through the real ingestion, its
// figures checked against the same figures computed here, independently, from the file's rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { loadFiles } from '../../server/loading.ts';
import { applySchema, refreshModels } from '../../server/models.ts';
import * as reports from '../../server/queries/reports.ts';
import { IBM_SAMPLE } from '../../support/shared-data.ts';

interface Invoice {
  invoiceDate: string;
  dueDate: string;
  settledDate: string;
  cents: number;
}

/** M/D/YYYY → YYYY-MM-DD */
const isoDate = (text: string) => {
  const [m, d, y] = text.split('/').map(Number);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

// The file has no quoted fields: a split is enough to read it independently of the importer.
const invoices: Invoice[] = readFileSync(IBM_SAMPLE, 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(','))
  .map((f) => ({ invoiceDate: isoDate(f[4]), dueDate: isoDate(f[5]), settledDate: isoDate(f[8]), cents: Math.round(Number(f[6]) * 100) }));

// An invoice is open at D from its date until the day before it is settled (one payment of the full amount).
const openAt = (d: string) => invoices.filter((i) => i.invoiceDate <= d && i.settledDate > d);
const sum = (xs: Invoice[]) => xs.reduce((total, i) => total + i.cents, 0) / 100;
const arAt = (d: string) => sum(openAt(d));
const currentArAt = (d: string) => sum(openAt(d).filter((i) => i.dueDate >= d));
const salesBetween = (a: string, b: string) => sum(invoices.filter((i) => i.invoiceDate >= a && i.invoiceDate <= b));
const cashBetween = (a: string, b: string) => sum(invoices.filter((i) => i.settledDate >= a && i.settledDate <= b));

let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.write((c) => applySchema(c).then(() => refreshModels(c)));
  const result = await loadFiles(db, [{ path: IBM_SAMPLE, name: 'ibm-ar-sample.csv' }]);
  expect(result.rejected).toEqual([]);
  expect(result.loaded).toEqual({ invoices: 2466, payments: 2466 });
});

afterAll(() => db.close());

describe('the IBM sample', () => {
  it.each(['2012-06-30', '2013-03-31', '2013-06-30', '2013-12-02'])('has the AR, current AR and DSO of its rows at %s', async (asOf) => {
    const k = await reports.kpis(db, { as_of: asOf, window: 90 });
    const sales = salesBetween(addDays(asOf, -89), asOf);
    expect(k.ar).toBeCloseTo(arAt(asOf), 2);
    expect(k.current_ar).toBeCloseTo(currentArAt(asOf), 2);
    expect(k.sales).toBeCloseTo(sales, 2);
    expect(k.dso).toBeCloseTo((arAt(asOf) / sales) * 90, 8);
    expect(k.bpdso).toBeCloseTo((currentArAt(asOf) / sales) * 90, 8);
  });

  it('defaults to its latest invoice date, 2013-12-02, not the run-off after the last settlement (2014-01-09)', async () => {
    // interface.md: payments trail invoices, so a settled history defaults to its last invoice date
    const k = await reports.kpis(db, { window: 90 });
    expect(k.as_of).toBe('2013-12-02');
    expect(k).toEqual(await reports.kpis(db, { as_of: '2013-12-02', window: 90 }));
    expect(k.ar).toBeCloseTo(arAt('2013-12-02'), 2);
    expect(k.ar).toBeGreaterThan(0);
    // the last settlement still closes the ledger: nothing open on 2014-01-09
    expect((await reports.kpis(db, { as_of: '2014-01-09', window: 90 })).ar).toBe(0);
    // the default period is the last complete ISO week on or before Monday 2013-12-02
    expect(await reports.period(db, {})).toMatchObject({ from: '2013-11-25', to: '2013-12-01' });
  });

  it('ages open invoices by days past due', async () => {
    const asOf = '2013-06-30';
    const a = await reports.aging(db, { as_of: asOf });
    const inBucket = (lo: number, hi: number) =>
      openAt(asOf).filter((i) => daysBetween(i.dueDate, asOf) >= lo && daysBetween(i.dueDate, asOf) <= hi);
    const expected = [
      ['current', inBucket(-10_000, 0)],
      ['1-30', inBucket(1, 30)],
      ['31-60', inBucket(31, 60)],
      ['61-90', inBucket(61, 90)],
      ['91-120', inBucket(91, 120)],
      ['120+', inBucket(121, 10_000)]
    ] as const;
    for (const [bucket, rows] of expected) {
      const got = a.buckets.find((b) => b.bucket === bucket)!;
      expect(got.invoices).toBe(rows.length);
      expect(got.balance).toBeCloseTo(sum(rows), 2);
    }
    expect(a.total).toBeCloseTo(arAt(asOf), 2);
  });

  it('has the CEI, cash and recovery of June 2013', async () => {
    const [a, b] = ['2013-06-01', '2013-06-30'];
    const p = await reports.period(db, { from: a, to: b });
    const before = addDays(a, -1);
    const cei = ((arAt(before) + salesBetween(a, b) - arAt(b)) / (arAt(before) + salesBetween(a, b) - currentArAt(b))) * 100;
    expect(p.cei).toBeCloseTo(cei, 8);
    expect(p.cash_collected).toBeCloseTo(cashBetween(a, b), 2);
    // every open invoice is paid in full once: recovered = the base of those settled within June
    const openBefore = openAt(before);
    const current = openBefore.filter((i) => i.dueDate >= before);
    const currentRecovered = current.filter((i) => i.settledDate <= b);
    expect(p.recovery.find((r) => r.bucket === 'current')).toEqual({
      bucket: 'current',
      base: sum(current),
      recovered: sum(currentRecovered),
      rate: expect.closeTo(sum(currentRecovered) / sum(current), 10)
    });
  });

  it('loads the same rows written D/M/YYYY, with a lower-case header and unpadded invoice numbers', async () => {
    const [header, ...lines] = readFileSync(IBM_SAMPLE, 'utf8').trim().split(/\r?\n/);
    const toDmy = (text: string) => {
      const [m, d, y] = text.split('/');
      return `${d.padStart(2, '0')}/${m.padStart(2, '0')}/${y}`;
    };
    const rewritten = [
      header.toLowerCase(),
      ...lines.reverse().map((line) => {
        const f = line.split(',');
        for (const i of [2, 4, 5, 8]) f[i] = toDmy(f[i]);
        f[3] = String(Number(f[3]));
        return f.join(',');
      })
    ].join('\n');
    const path = `${process.env.TMPDIR ?? '/tmp'}/ibm-dmy-${process.pid}.csv`;
    writeFileSync(path, rewritten);
    const other = await Database.open(':memory:');
    await other.write((c) => applySchema(c).then(() => refreshModels(c)));
    const result = await loadFiles(other, [{ path, name: 'ibm-dmy.csv' }]);
    expect(result.rejected).toEqual([]);
    expect(result.loaded).toEqual({ invoices: 2466, payments: 2466 });
    for (const asOf of ['2012-06-30', '2013-06-30']) {
      expect(await reports.kpis(other, { as_of: asOf, window: 90 })).toEqual(await reports.kpis(db, { as_of: asOf, window: 90 }));
    }
    other.close();
  });
});
