// The IBM late-payment sample (shared/data) loads without options as an invoice list with
// settlement, and so does a copy with D/M/YYYY dates, a lower-case header and unpadded numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db.ts';
import { ingestFiles } from '../../server/ingest/index.ts';
import { freshDatabase, rows, tempDir } from '../fixtures/ingest/helpers.ts';
import { IBM_SAMPLE } from '../../support/shared-data.ts';

const IBM = IBM_SAMPLE;

/** The figures, computed from the file with plain string handling (no DuckDB, no ingest code). */
function expectedFigures() {
  const [header, ...lines] = readFileSync(IBM, 'utf8').trim().split(/\r?\n/);
  const col = header!.split(',');
  const at = (name: string) => col.indexOf(name);
  const iso = (mdy: string) => {
    const [m, d, y] = mdy.split('/');
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  };
  const records = lines.map((l) => l.split(','));
  const cents = records.reduce((sum, r) => sum + Math.round(Number(r[at('InvoiceAmount')]) * 100), 0);
  const invoiceDates = records.map((r) => iso(r[at('InvoiceDate')]!)).sort();
  const settledDates = records.map((r) => iso(r[at('SettledDate')]!)).sort();
  return {
    rows: records.length,
    total: (cents / 100).toFixed(2),
    firstInvoice: invoiceDates[0],
    lastInvoice: invoiceDates[invoiceDates.length - 1],
    lastSettled: settledDates[settledDates.length - 1],
    disputed: records.filter((r) => r[at('Disputed')] === 'Yes').length,
    customers: new Set(records.map((r) => r[at('customerID')])).size,
    // PaperlessBill: how each invoice was sent, Paper or Electronic
    electronic: records.filter((r) => r[at('PaperlessBill')] === 'Electronic').length,
    paper: records.filter((r) => r[at('PaperlessBill')] === 'Paper').length
  };
}

async function figures(db: Database) {
  const [inv] = await rows(
    db,
    `select count(*)::int as n, sum(amount)::varchar as total, min(invoice_date)::varchar as first,
    max(invoice_date)::varchar as last, count_if(disputed)::int as disputed, count(distinct customer_id)::int as customers from invoices`
  );
  const [pay] = await rows(
    db,
    `select count(*)::int as n, sum(amount)::varchar as total, max(payment_date)::varchar as last from payments`
  );
  return { inv: inv!, pay: pay! };
}

/** The delivery channels as loaded (the models read them trimmed and lower-case: sql/staging/stg_invoices.sql). */
async function channels(db: Database) {
  return rows(db, `select delivery_channel, count(*)::int as n from invoices group by all order by all`);
}

describe('IBM accounts-receivable sample', () => {
  const expected = expectedFigures();
  // both files load to these invoice figures (the dates and count as the data README gives them)
  const invoiceFigures = {
    n: 2466,
    total: expected.total,
    first: '2012-01-03',
    last: '2013-12-02',
    disputed: expected.disputed,
    customers: 100
  };
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.close());

  it('is what the data README says', () => {
    expect(expected).toMatchObject({
      rows: 2466,
      firstInvoice: '2012-01-03',
      lastInvoice: '2013-12-02',
      lastSettled: '2014-01-09',
      customers: 100
    });
  });

  it('loads with no options as settled: one invoice and one full payment per row', async () => {
    const connection = await db.connect();
    const result = await ingestFiles(connection, [{ path: IBM, name: 'ibm-ar-sample.csv' }]);
    expect(result.rejected).toEqual([]);
    expect(result.loaded).toEqual({ invoices: 2466, payments: 2466 });
    const { inv, pay } = await figures(db);
    expect(inv).toEqual(invoiceFigures);
    expect(pay).toEqual({ n: 2466, total: expected.total, last: '2014-01-09' });
    // lineage: the first data row of the file is row 2, its invoice number kept as written
    const [first] = await rows(
      db,
      `select invoice_id, invoice_date::varchar as d, source_file, source_row::int as r from invoices where source_row = 2`
    );
    expect(first).toEqual({ invoice_id: '0000611365', d: '2013-01-02', source_file: 'ibm-ar-sample.csv', r: 2 });
    const [payment] = await rows(
      db,
      `select payment_id, payment_date::varchar as d, amount::varchar as a from payments where invoice_id = '0000611365'`
    );
    expect(payment).toEqual({ payment_id: '0000611365:settled', d: '2013-01-15', a: '55.94' });
    // PaperlessBill is the optional delivery_channel (docs/forecast.md step 11), found by its synonym
    expect(await channels(db)).toEqual([
      { delivery_channel: 'Electronic', n: expected.electronic },
      { delivery_channel: 'Paper', n: expected.paper }
    ]);
    expect(expected.electronic + expected.paper).toBe(2466);
    connection.closeSync();
  });

  it('loads the D/M/YYYY, lower-case, unpadded copy to the same figures', async () => {
    const other = await freshDatabase();
    const connection = await other.connect();
    const path = join(tempDir(), 'ibm-dmy.csv');
    // The variant made from the original with DuckDB: dates D/M/YYYY, header lower-case, numbers unpadded.
    await connection.run(`copy (
        select customerID as customerid, ltrim(invoiceNumber, '0') as invoicenumber,
          strftime(strptime(InvoiceDate, '%m/%d/%Y'), '%d/%m/%Y') as invoicedate,
          strftime(strptime(DueDate, '%m/%d/%Y'), '%d/%m/%Y') as duedate,
          InvoiceAmount as invoiceamount, Disputed as disputed,
          strftime(strptime(SettledDate, '%m/%d/%Y'), '%d/%m/%Y') as settleddate, DaysLate as dayslate
        from read_csv('${IBM}', all_varchar = true)) to '${path}' (header, delimiter ',')`);
    const result = await ingestFiles(connection, [{ path, name: 'ibm-dmy.csv' }]);
    expect(result.rejected).toEqual([]);
    expect(result.loaded).toEqual({ invoices: 2466, payments: 2466 });
    const { inv, pay } = await figures(other);
    expect(inv).toEqual(invoiceFigures);
    expect(pay.last).toBe('2014-01-09');
    const [first] = await rows(other, `select invoice_id, invoice_date::varchar as d from invoices where source_row = 2`);
    expect(first).toEqual({ invoice_id: '611365', d: '2013-01-02' });
    // the copy has no PaperlessBill column: the channel is optional, and absent it is null
    expect(await channels(other)).toEqual([{ delivery_channel: null, n: 2466 }]);
    connection.closeSync();
    other.close();
  });
});
