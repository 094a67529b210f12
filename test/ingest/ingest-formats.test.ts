// File formats and value spellings: the same three invoices, written in many ways, load to the
// same rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles, type SourceFile } from '../../server/ingest/index.ts';
import { fixture, freshEachTest, rows, writeSource } from '../fixtures/ingest/helpers.ts';

const fresh = freshEachTest();

const invoices = () =>
  rows(
    fresh.db,
    `select invoice_id, customer_id, invoice_date::varchar as invoice_date, due_date::varchar as due_date,
    amount::varchar as amount, disputed, source_row::int as row from invoices order by source_row`
  );

async function loadOk(file: SourceFile, options = {}) {
  const result = await ingestFiles(fresh.connection, [file], options);
  expect(result.rejected).toEqual([]);
  return result;
}

describe('CSV dialects', () => {
  it('reads UTF-8 with BOM and CRLF line ends', async () => {
    const text =
      '\uFEFFinvoice_id,customer_id,invoice_date,due_date,amount\r\nA1,C1,2024-01-05,2024-02-04,100.00\r\nA2,C2,2024-01-06,2024-02-05,7.5\r\n';
    await loadOk(writeSource(fresh.dir, 'bom.csv', text));
    expect(await invoices()).toEqual([
      { invoice_id: 'A1', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: '100.00', disputed: null, row: 2 },
      { invoice_id: 'A2', customer_id: 'C2', invoice_date: '2024-01-06', due_date: '2024-02-05', amount: '7.50', disputed: null, row: 3 }
    ]);
  });

  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|']
  ])('reads %s-delimited files', async (_, d) => {
    const text =
      [
        ['invoice_id', 'customer_id', 'invoice_date', 'due_date', 'amount'],
        ['B1', 'C1', '2024-03-01', '2024-03-31', '10.00']
      ]
        .map((r) => r.join(d))
        .join('\n') + '\n';
    await loadOk(writeSource(fresh.dir, 'd.csv', text));
    expect((await invoices()).map((r) => [r.invoice_id, r.amount])).toEqual([['B1', '10.00']]);
  });

  it('keeps quoted delimiters, doubled quotes and newlines inside one field; the row is record + 1', async () => {
    const text =
      'invoice_id,customer_id,invoice_date,due_date,amount,po_number\n' +
      'Q1,"Smith, Jones",2024-01-01,2024-01-31,"1,234.56","PO ""7"""\n' +
      'Q2,"two\nlines",2024-01-02,2024-02-01,5,x\n' +
      'Q3,C3,2024-01-03,2024-01-01,5,y\n';
    const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'quoted.csv', text)]);
    // Q3's due date is before its invoice date: rejected at row 4 (record 3 + 1), although Q2 spans two lines.
    expect(result.rejected).toEqual([
      { file: 'quoted.csv', row: 4, column: 'due_date', reason: 'due_date 2024-01-01 is before invoice_date 2024-01-03' }
    ]);
    const fixed = text.replace('Q3,C3,2024-01-03,2024-01-01', 'Q3,C3,2024-01-03,2024-02-02');
    await loadOk(writeSource(fresh.dir, 'quoted.csv', fixed));
    const [q1, q2] = await rows(fresh.db, `select customer_id, amount::varchar as amount, po_number from invoices order by source_row`);
    expect(q1).toEqual({ customer_id: 'Smith, Jones', amount: '1234.56', po_number: 'PO "7"' });
    expect(q2!.customer_id).toBe('two\nlines');
  });

  it('reads Latin-1 files', async () => {
    const text = Buffer.from('customer_id,name,country\nK1,Caf\xe9 M\xfcller,DE\n', 'latin1');
    await loadOk(writeSource(fresh.dir, 'latin1.csv', text));
    expect(await rows(fresh.db, 'select customer_id, name, country from customers')).toEqual([
      { customer_id: 'K1', name: 'Café Müller', country: 'DE' }
    ]);
  });

  it('reads a committed fixture: European amounts and D.M.YYYY dates with ; and a BOM-free header', async () => {
    await loadOk(fixture('invoices-eu.csv'));
    expect((await invoices()).map((r) => [r.invoice_id, r.invoice_date, r.due_date, r.amount])).toEqual([
      ['R-1', '2024-03-15', '2024-04-14', '1234.56'],
      ['R-2', '2024-03-01', '2024-03-31', '99.90'],
      ['R-3', '2024-02-29', '2024-03-30', '1000000.00']
    ]);
  });
});

describe('row numbers on a file read in parallel', () => {
  it('keep file order across reader threads (600,000 rows, 40 MB)', async () => {
    const path = join(fresh.dir, 'big.csv');
    await fresh.connection
      .run(`copy (select 'N' || i as invoice_id, 'C' || (i % 97) as customer_id, date '2020-01-01' + (i % 900)::int as invoice_date,
        date '2020-02-01' + (i % 900)::int as due_date, 1 + i % 1000 as amount, repeat('x', 20) as po_number
      from range(600000) r(i)) to '${path}' (header, delimiter ',')`);
    await loadOk({ path, name: 'big.csv' });
    const [check] = await rows(
      fresh.db,
      `select count(*)::int as n, count_if(source_row <> substr(invoice_id, 2)::bigint + 2)::int as wrong from invoices`
    );
    expect(check).toEqual({ n: 600000, wrong: 0 });
  }, 120_000);
});

describe('Parquet', () => {
  it('is recognised by its magic bytes, whatever the name; rows are record numbers from 1', async () => {
    const path = join(fresh.dir, 'export.bin');
    await fresh.connection.run(`copy (select * from (values
        ('P1', 'C1', date '2024-05-01', date '2024-05-31', 12.50::decimal(10, 2), true),
        ('P2', 'C2', date '2024-05-02', date '2024-06-01', 80.00::decimal(10, 2), false)) t(InvoiceNumber, CustomerID, InvoiceDate, DueDate, InvoiceAmount, Disputed))
      to '${path}' (format parquet)`);
    await loadOk({ path, name: 'export.bin' });
    expect(await invoices()).toEqual([
      { invoice_id: 'P1', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: '12.50', disputed: true, row: 1 },
      { invoice_id: 'P2', customer_id: 'C2', invoice_date: '2024-05-02', due_date: '2024-06-01', amount: '80.00', disputed: false, row: 2 }
    ]);
  });

  it('reports Parquet rows by record number', async () => {
    const path = join(fresh.dir, 'bad.parquet');
    await fresh.connection.run(
      `insert into invoices (invoice_id, customer_id, invoice_date, due_date, amount, load_id, source_file, source_row) values ('I1', 'C', date '2024-01-01', date '2024-01-31', 50, 0, 'seed', 2)`
    );
    await fresh.connection.run(`copy (select * from (values ('P1', 'I1', '2024-01-05', 5), ('P2', 'I1', '2024-01-06', -5))
      t(payment_id, invoice_id, payment_date, amount)) to '${path}' (format parquet)`);
    const result = await ingestFiles(fresh.connection, [{ path, name: 'bad.parquet' }]);
    expect(result.rejected).toEqual([
      { file: 'bad.parquet', row: 2, column: 'amount', reason: 'amount must be greater than 0, got -5.00' }
    ]);
  });
});

describe('values', () => {
  it('parses dates: YYYYMMDD (also as a float), timestamps with and without zone, M/D/YYYY with a time', async () => {
    const text =
      'doc_id,cust_number,posting_date,due_in_date,total_open_amount\n' +
      'D1,C1,20190307.0,20190406,10\n' +
      'D2,C1,20190308,20190407.0,10\n';
    await loadOk(writeSource(fresh.dir, 'kaggle.csv', text));
    expect((await invoices()).map((r) => [r.invoice_id, r.invoice_date, r.due_date])).toEqual([
      ['D1', '2019-03-07', '2019-04-06'],
      ['D2', '2019-03-08', '2019-04-07']
    ]);
    const stamps =
      'invoice_id,customer_id,invoice_date,due_date,amount\n' +
      'T1,C1,2019-03-07 00:00:00,2019-04-06T10:00:00Z,1\nT2,C1,2019-03-08T23:59:59+02:00,2019-04-07 10:00,1\n';
    await loadOk(writeSource(fresh.dir, 'stamps.csv', stamps));
    const slash = 'invoice_id,customer_id,invoice_date,due_date,amount\nS1,C1,3/7/2019 10:30,4/16/2019 0:00,1\n';
    await loadOk(writeSource(fresh.dir, 'slash.csv', slash));
    const rest = await rows(
      fresh.db,
      `select invoice_id as id, invoice_date::varchar as d, due_date::varchar as due
      from invoices where invoice_id not like 'D%' order by invoice_id`
    );
    expect(rest).toEqual([
      { id: 'S1', d: '2019-03-07', due: '2019-04-16' },
      { id: 'T1', d: '2019-03-07', due: '2019-04-06' },
      { id: 'T2', d: '2019-03-08', due: '2019-04-07' }
    ]);
  });

  it('parses amounts: currency symbols and codes, thousands, (negatives) and trailing minus', async () => {
    const text =
      'payment_id,invoice_id,payment_date,amount\n' +
      'M1,I1,2024-01-02,"$1,234.50"\nM2,I1,2024-01-02,€ 12.00\nM3,I1,2024-01-02,£7\nM4,I1,2024-01-02,USD 3.25\n' +
      'M5,I1,2024-01-02,(12.50)\nM6,I1,2024-01-02,12.50-\nM7,I1,2024-01-02, 8 \n';
    const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'amounts.csv', text)]);
    // Negative payments are refused, with the parsed value: proof that the sign was read.
    expect(result.rejected.filter((r) => r.row !== null && r.reason.includes('greater than 0'))).toEqual([
      { file: 'amounts.csv', row: 6, column: 'amount', reason: 'amount must be greater than 0, got -12.50' },
      { file: 'amounts.csv', row: 7, column: 'amount', reason: 'amount must be greater than 0, got -12.50' }
    ]);
    const clean = text.replace('(12.50)', '12.50').replace('12.50-', '12.50');
    await fresh.connection.run(
      `insert into invoices (invoice_id, customer_id, invoice_date, due_date, amount, load_id, source_file, source_row) values ('I1', 'C', date '2024-01-01', date '2024-01-31', 5000, 0, 'seed', 2)`
    );
    await loadOk(writeSource(fresh.dir, 'amounts.csv', clean));
    const amounts = await rows(fresh.db, `select payment_id, amount::varchar as a from payments order by source_row`);
    expect(amounts.map((r) => r.a)).toEqual(['1234.50', '12.00', '7.00', '3.25', '12.50', '12.50', '8.00']);
  });

  it('parses yes/no words and trims ids; empty strings are null', async () => {
    const words = ['Yes', 'no', 'Y', 'n', 'TRUE', 'false', '1', '0', 'T', 'f', ''];
    const text =
      'invoice_id,customer_id,invoice_date,due_date,amount,disputed\n' +
      words.map((w, i) => `  X${i} ,C,2024-01-01,2024-01-31,1,${w}`).join('\n') +
      '\n';
    await loadOk(writeSource(fresh.dir, 'flags.csv', text));
    const got = await invoices();
    expect(got.map((r) => r.disputed)).toEqual([true, false, true, false, true, false, true, false, true, false, null]);
    expect(got[0]!.invoice_id).toBe('X0');
  });
});
