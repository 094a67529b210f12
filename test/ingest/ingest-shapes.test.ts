// Shapes: detection from headers through synonyms, the ledger and the settled invoice list.
import { describe, expect, it } from 'vitest';
import { ingestFiles, inspectFile } from '../../server/ingest/index.ts';
import { detectShape, mapHeaders } from '../../server/ingest/detect.ts';
import { fixture, freshEachTest, rows, writeSource } from '../fixtures/ingest/helpers.ts';
import { IBM_SAMPLE } from '../../support/shared-data.ts';

const fresh = freshEachTest();

describe('header synonyms', () => {
  it.each([['InvoiceDate'], ['Invoice Date'], ['invoice_date'], ['posting_date'], ['doc_date'], ['INVOICE-DATE'], ['Invoice.Date']])(
    '%s is invoice_date',
    (header) => {
      const { fields } = mapHeaders('invoices', ['id', header]);
      expect(fields.invoice_date).toBe(1);
    }
  );

  it.each([['customerID'], ['cust_number'], ['Customer No'], ['customer'], ['KUNNR'], ['Kundennummer']])('%s is customer_id', (header) => {
    expect(mapHeaders('invoices', [header]).fields.customer_id).toBe(0);
  });

  it.each([['InvoiceAmount'], ['total_open_amount'], ['Amount'], ['amount_due']])('%s is the invoice amount', (header) => {
    expect(mapHeaders('invoices', [header]).fields.amount).toBe(0);
  });

  it.each([['invoiceNumber'], ['doc_id'], ['invoice_no'], ['TRX_NUMBER'], ['Num']])('%s is invoice_id', (header) => {
    expect(mapHeaders('invoices', [header]).fields.invoice_id).toBe(0);
  });

  it.each([['SettledDate'], ['clear_date'], ['paid_date'], ['settlement date']])('%s is the settled date', (header) => {
    expect(mapHeaders('settled', [header]).fields.settled_date).toBe(0);
  });

  it('prefers the more specific synonym when a file has several', () => {
    // invoice_id over doc_id (the Kaggle export has both); invoice_amount over amount
    const { fields } = mapHeaders('invoices', ['doc_id', 'invoice_id', 'Amount', 'Invoice Amount']);
    expect(fields).toMatchObject({ invoice_id: 1, amount: 3 });
  });

  it('an explicit mapping wins over synonyms', () => {
    const { fields } = mapHeaders('invoices', ['Invoice Date', 'Booked'], { invoice_date: 'Booked' });
    expect(fields.invoice_date).toBe(1);
  });
});

describe('detection', () => {
  it.each([
    [['invoice_id', 'customer_id', 'invoice_date', 'due_date', 'amount'], 'invoices'],
    [
      ['countryCode', 'customerID', 'PaperlessDate', 'invoiceNumber', 'InvoiceDate', 'DueDate', 'InvoiceAmount', 'Disputed', 'SettledDate'],
      'settled'
    ],
    [['Type', 'Invoice No', 'Customer', 'Date', 'Due Date', 'Amount'], 'ledger'],
    [['payment_id', 'invoice_id', 'payment_date', 'amount'], 'payments'],
    [['adjustment_id', 'invoice_id', 'adjustment_date', 'amount', 'kind'], 'adjustments'],
    [['activity_id', 'customer_id', 'activity_date', 'channel', 'outcome'], 'activities'],
    [['cost_date', 'category', 'amount'], 'costs'],
    [['customer_id', 'name', 'segment', 'credit_limit'], 'customers']
  ])('%j is %s', (headers, shape) => {
    expect(detectShape(headers)).toMatchObject({ ok: true, shape });
  });

  it('refuses a tie and names the candidates', () => {
    // payments (payment_id, invoice_id, date, amount, method) and adjustments (adjustment_id, invoice_id, date, amount, kind)
    const result = detectShape(['payment_id', 'invoice_id', 'date', 'amount', 'adjustment_id', 'kind', 'method']);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('fits payments and adjustments equally well') });
    expect(result.ok === false && result.reason).toContain('pass --as payments or --as adjustments');
  });
});

describe('ledger', () => {
  it('splits entries into invoices, payments and adjustments; signs and words are normalised', async () => {
    const result = await ingestFiles(fresh.connection, [fixture('ledger.csv')]);
    expect(result.rejected).toEqual([]);
    expect(result.loaded).toEqual({ invoices: 2, payments: 2, adjustments: 2 });
    expect(
      await rows(fresh.db, `select invoice_id, customer_id, invoice_date::varchar as d, amount::varchar as a from invoices order by 1`)
    ).toEqual([
      { invoice_id: 'INV-1', customer_id: 'C1', d: '2024-01-05', a: '1000.00' },
      { invoice_id: 'INV-2', customer_id: 'C2', d: '2024-01-10', a: '250.00' }
    ]);
    expect(
      await rows(fresh.db, `select payment_id, invoice_id, amount::varchar as a, method, source_row::int as r from payments order by r`)
    ).toEqual([
      { payment_id: 'PAY-1', invoice_id: 'INV-1', a: '600.00', method: 'wire', r: 4 },
      // no document number: named by invoice and row
      { payment_id: 'INV-1:payment:7', invoice_id: 'INV-1', a: '350.00', method: 'check', r: 7 }
    ]);
    expect(await rows(fresh.db, `select adjustment_id, kind, amount::varchar as a, reason from adjustments order by 1`)).toEqual([
      { adjustment_id: 'CN-1', kind: 'credit_note', a: '50.00', reason: 'damaged goods' },
      { adjustment_id: 'WO-1', kind: 'write_off', a: '250.00', reason: 'uncollectable' }
    ]);
    expect(await rows(fresh.db, `select table_name, shape, rows_loaded::int as n from loads order by load_id`)).toEqual([
      { table_name: 'invoices', shape: 'ledger', n: 2 },
      { table_name: 'payments', shape: 'ledger', n: 2 },
      { table_name: 'adjustments', shape: 'ledger', n: 2 }
    ]);
  });

  it('rejects unknown entry types and invoices without a customer or due date', async () => {
    const text =
      'type,invoice_id,customer_id,date,due_date,amount\ninvoice,A,,2024-01-01,2024-01-31,5\nrefund,A,C,2024-01-02,,5\ninvoice,B,C,2024-01-01,,5\n';
    const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'l.csv', text)]);
    expect(result.rejected).toEqual([
      { file: 'l.csv', row: 2, column: 'customer_id', reason: 'customer_id is required on invoice rows but empty' },
      { file: 'l.csv', row: 3, column: 'type', reason: '"refund" is not an entry type (invoice, payment, credit_note or write_off)' },
      { file: 'l.csv', row: 4, column: 'due_date', reason: 'due_date is required on invoice rows but empty' }
    ]);
  });

  it("keeps an invoice's delivery channel where the file has one, in a ledger and an invoice list alike", async () => {
    // "Delivery Method" and "Output Medium" are synonyms of delivery_channel; an empty cell is no channel,
    // and payment rows of a ledger carry none to their table
    const ledger =
      'type,invoice_id,customer_id,date,due_date,amount,delivery method\n' +
      'invoice,L1,C,2024-01-01,2024-01-31,5,E-Mail\ninvoice,L2,C,2024-01-02,2024-02-01,5,\npayment,L1,C,2024-01-20,,5,E-Mail\n';
    const list = 'invoice_id,customer_id,invoice_date,due_date,amount,Output Medium\nI1,C,2024-01-03,2024-02-02,7,Paper\n';
    const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'l.csv', ledger), writeSource(fresh.dir, 'i.csv', list)]);
    expect(result).toMatchObject({ loaded: { invoices: 3, payments: 1 }, rejected: [] });
    expect(await rows(fresh.db, `select invoice_id, delivery_channel from invoices order by 1`)).toEqual([
      { invoice_id: 'I1', delivery_channel: 'Paper' },
      { invoice_id: 'L1', delivery_channel: 'E-Mail' },
      { invoice_id: 'L2', delivery_channel: null }
    ]);
  });
});

describe('settled invoice list', () => {
  it('pays an invoice in full on its settled date, or by the amount paid; unsettled ones stay open', async () => {
    const text =
      'Invoice No,Customer,Invoice Date,Due Date,Amount,Clear Date,Amount Paid\n' +
      'S1,C1,2024-01-01,2024-01-31,100.00,2024-02-05,\nS2,C1,2024-01-02,2024-02-01,80.00,2024-02-10,30.00\nS3,C2,2024-01-03,2024-02-02,50.00,,\n';
    const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'settled.csv', text)]);
    expect(result).toMatchObject({ loaded: { invoices: 3, payments: 2 }, rejected: [] });
    expect(
      await rows(
        fresh.db,
        `select payment_id, invoice_id, customer_id, payment_date::varchar as d, amount::varchar as a from payments order by 1`
      )
    ).toEqual([
      { payment_id: 'S1:settled', invoice_id: 'S1', customer_id: 'C1', d: '2024-02-05', a: '100.00' },
      { payment_id: 'S2:settled', invoice_id: 'S2', customer_id: 'C1', d: '2024-02-10', a: '30.00' }
    ]);
  });

  it('--as settled without a settled-date column names the missing column', async () => {
    const result = await ingestFiles(
      fresh.connection,
      [writeSource(fresh.dir, 's.csv', 'invoice_id,customer_id,invoice_date,due_date,amount\nA,C,2024-01-01,2024-01-31,5\n')],
      { as: 'settled' }
    );
    expect(result.rejected).toEqual([
      { file: 's.csv', row: null, column: 'settled_date', reason: expect.stringMatching(/^missing required column settled_date/) }
    ]);
  });
});

describe('inspectFile', () => {
  it('shows shape, mapping, unmapped headers, date formats and a preview, and writes nothing', async () => {
    const inspection = await inspectFile(fresh.connection, { path: IBM_SAMPLE, name: 'ibm.csv' });
    expect(inspection).toMatchObject({
      file: 'ibm.csv',
      format: 'csv',
      delimiter: ',',
      shape: 'settled',
      rowCount: 2466,
      problems: [],
      mapping: {
        invoice_id: 'invoiceNumber',
        customer_id: 'customerID',
        invoice_date: 'InvoiceDate',
        due_date: 'DueDate',
        amount: 'InvoiceAmount',
        disputed: 'Disputed',
        delivery_channel: 'PaperlessBill',
        settled_date: 'SettledDate'
      },
      unmappedHeaders: ['countryCode', 'PaperlessDate', 'DaysToSettle', 'DaysLate'],
      dateFormats: { InvoiceDate: 'MDY', DueDate: 'MDY', SettledDate: 'MDY' }
    });
    expect(inspection.preview).toHaveLength(10);
    expect(inspection.preview[0]).toMatchObject({ invoiceNumber: '0000611365', InvoiceDate: '1/2/2013' });
    expect(await rows(fresh.db, `select (select count(*) from invoices) + (select count(*) from loads) as n`)).toEqual([{ n: '0' }]);
  });

  it('reports an unknown header as a problem, with the file still previewed', async () => {
    const inspection = await inspectFile(fresh.connection, writeSource(fresh.dir, 'x.csv', 'foo;bar\n1;2\n'));
    expect(inspection).toMatchObject({ shape: null, delimiter: ';', rowCount: 1, preview: [{ foo: '1', bar: '2' }] });
    expect(inspection.problems[0]).toContain('cannot tell what this file holds');
  });
});
