// Every rejection reason, each with a tiny file and the exact row and column it must name.
// Rows are spreadsheet rows: the header is row 1, the first record row 2.
import { describe, expect, it } from 'vitest';
import { ingestFiles, REJECTION_CAP, type IngestOptions } from '../../server/ingest/index.ts';
import { count, freshEachTest, writeSource } from '../fixtures/ingest/helpers.ts';

const fresh = freshEachTest();

const INVOICE_HEADER = 'invoice_id,customer_id,invoice_date,due_date,amount';

async function rejected(name: string, text: string, options: IngestOptions = {}) {
  const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, name, text)], options);
  expect(result.loaded).toEqual({});
  expect(result.loadIds).toEqual([]);
  return result.rejected;
}

async function seedInvoice(id = 'I1') {
  const result = await ingestFiles(fresh.connection, [
    writeSource(fresh.dir, 'seed.csv', `${INVOICE_HEADER}\n${id},C1,2024-01-01,2024-01-31,100\n`)
  ]);
  expect(result.rejected).toEqual([]);
}

describe('whole-file problems (row null)', () => {
  it('a missing required column, named', async () => {
    const got = await rejected('inv.csv', 'invoice_id,customer_id,invoice_date,amount\nA,C,2024-01-01,5\n', { as: 'invoices' });
    expect(got).toEqual([
      {
        file: 'inv.csv',
        row: null,
        column: 'due_date',
        reason: expect.stringMatching(/^missing required column due_date for invoices \(looked for headers like due_date/)
      }
    ]);
  });

  it('a header that fits no shape: what was found, and --as', async () => {
    const [only] = await rejected('what.csv', 'foo,bar\n1,2\n');
    expect(only).toMatchObject({ file: 'what.csv', row: null, column: null });
    expect(only!.reason).toContain('columns: "foo", "bar"');
    expect(only!.reason).toContain('pass --as');
  });

  it('slash dates that fit both M/D and D/M, with the way out', async () => {
    const got = await rejected(
      'invoices.csv',
      `invoice_id,customer_id,InvoiceDate,due_date,amount\nA,C,3/4/2013,2013-05-01,5\nB,C,1/2/2013,2013-05-01,5\n`
    );
    expect(got).toEqual([
      {
        file: 'invoices.csv',
        row: null,
        column: 'InvoiceDate',
        reason: 'invoices.csv column InvoiceDate: dates like 1/2/2013 fit both M/D/YYYY and D/M/YYYY; pass --date-format MDY or DMY'
      }
    ]);
    // ... and the way out works
    const result = await ingestFiles(
      fresh.connection,
      [writeSource(fresh.dir, 'invoices.csv', `invoice_id,customer_id,InvoiceDate,due_date,amount\nA,C,3/4/2013,2013-05-01,5\n`)],
      { dateFormat: 'DMY' }
    );
    expect(result.loaded).toEqual({ invoices: 1 });
  });

  it('an ambiguous date column follows a decided one of the same file', async () => {
    // DueDate has 13/1 (D/M), so InvoiceDate's 1/12 is 1 December, not 12 January.
    const text = 'invoice_id,customer_id,InvoiceDate,DueDate,amount\nA,C,1/12/2012,13/1/2013,5\n';
    const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'i.csv', text)]);
    expect(result.rejected).toEqual([]);
  });

  it('an empty file and a file that does not exist', async () => {
    expect(await rejected('empty.csv', '')).toEqual([{ file: 'empty.csv', row: null, column: null, reason: 'the file is empty' }]);
    const result = await ingestFiles(fresh.connection, [{ path: `${fresh.dir}/nope.csv`, name: 'nope.csv' }]);
    expect(result.rejected).toEqual([
      { file: 'nope.csv', row: null, column: null, reason: expect.stringMatching(/^cannot read the file: ENOENT/) }
    ]);
  });

  it('a mapping that names a column the file lacks', async () => {
    const got = await rejected('m.csv', `${INVOICE_HEADER}\nA,C,2024-01-01,2024-01-31,5\n`, {
      as: 'invoices',
      mapping: { due_date: 'Net Due' }
    });
    expect(got).toEqual([
      { file: 'm.csv', row: null, column: null, reason: 'mapping names column "Net Due" for due_date, but the file has no such column' }
    ]);
  });
});

describe('row problems', () => {
  it('required values that are empty', async () => {
    const got = await rejected('inv.csv', `${INVOICE_HEADER}\nA,C,2024-01-01,2024-01-31,5\nB,  ,2024-01-01,2024-01-31,5\n`);
    expect(got).toEqual([{ file: 'inv.csv', row: 3, column: 'customer_id', reason: 'customer_id is required but empty' }]);
  });

  it('unparseable dates, amounts and booleans, quoting the value', async () => {
    const text = `${INVOICE_HEADER},Disputed\nA,C,2024-02-30,2024-03-31,5,no\nB,C,2024-01-01,2024-01-31,12abc,no\nC,C,2024-01-01,2024-01-31,5,maybe\n`;
    expect(await rejected('inv.csv', text)).toEqual([
      { file: 'inv.csv', row: 2, column: 'invoice_date', reason: '"2024-02-30" is not a date in this column\'s format YYYY-MM-DD' },
      { file: 'inv.csv', row: 3, column: 'amount', reason: '"12abc" is not an amount' },
      { file: 'inv.csv', row: 4, column: 'Disputed', reason: '"maybe" is not yes/no (yes, no, y, n, true, false, 1, 0)' }
    ]);
  });

  it('a long bad value is truncated in the reason', async () => {
    const long = 'x'.repeat(100);
    const [only] = await rejected('inv.csv', `${INVOICE_HEADER}\nA,C,2024-01-01,2024-01-31,${long}\n`);
    expect(only!.reason).toBe(`"${'x'.repeat(40)}…" is not an amount`);
  });

  it('a slash date that fits neither format of its column', async () => {
    // The column is M/D (second part 25 > 12); 25/1/2024 cannot be M/D.
    const text = 'invoice_id,customer_id,invoice_date,due_date,amount\nA,C,1/25/2024,2/24/2024,5\nB,C,25/1/2024,2/24/2024,5\n';
    expect(await rejected('inv.csv', text)).toEqual([
      { file: 'inv.csv', row: 3, column: 'invoice_date', reason: '"25/1/2024" is not a date in this column\'s format M/D/YYYY' }
    ]);
  });

  it('signs: amounts must be positive, costs not negative', async () => {
    expect(await rejected('inv.csv', `${INVOICE_HEADER}\nA,C,2024-01-01,2024-01-31,0\n`)).toEqual([
      { file: 'inv.csv', row: 2, column: 'amount', reason: 'amount must be greater than 0, got 0.00' }
    ]);
    expect(await rejected('costs.csv', 'cost_date,category,amount\n2024-01-01,agency,10\n2024-01-02,agency,-1\n')).toEqual([
      { file: 'costs.csv', row: 3, column: 'amount', reason: 'amount must not be negative, got -1.00' }
    ]);
    const ok = await ingestFiles(fresh.connection, [
      writeSource(fresh.dir, 'costs.csv', 'cost_date,category,amount\n2024-01-02,agency,0\n')
    ]);
    expect(ok.loaded).toEqual({ costs: 1 });
  });

  it('a due date before the invoice date', async () => {
    expect(await rejected('inv.csv', `${INVOICE_HEADER}\nA,C,2024-02-01,2024-01-31,5\n`)).toEqual([
      { file: 'inv.csv', row: 2, column: 'due_date', reason: 'due_date 2024-01-31 is before invoice_date 2024-02-01' }
    ]);
  });

  it('an adjustment kind that is neither credit note nor write-off; synonyms pass', async () => {
    await seedInvoice();
    const text =
      'adjustment_id,invoice_id,adjustment_date,amount,kind\nJ1,I1,2024-02-01,5,CN\nJ2,I1,2024-02-01,5,Write-Off\nJ3,I1,2024-02-01,5,refund\n';
    expect(await rejected('adj.csv', text)).toEqual([
      { file: 'adj.csv', row: 4, column: 'kind', reason: '"refund" is not an adjustment kind (credit_note or write_off)' }
    ]);
  });

  it('dates before 1900 or after 2100', async () => {
    expect(await rejected('inv.csv', `${INVOICE_HEADER}\nA,C,1899-12-31,2024-01-31,5\n`)).toEqual([
      { file: 'inv.csv', row: 2, column: 'invoice_date', reason: 'date 1899-12-31 (from "1899-12-31") is outside 1900-01-01 … 2100-12-31' }
    ]);
  });

  it('a CSV line with the wrong number of fields', async () => {
    const got = await rejected('inv.csv', `${INVOICE_HEADER}\nA,C,2024-01-01,2024-01-31,5\nB,C,2024-01-01,2024-01-31,5,extra\n`);
    expect(got).toEqual([
      {
        file: 'inv.csv',
        row: 3,
        column: null,
        reason: 'cannot read this line as CSV: the header has 5 fields, this line has 6 (rows after it may be numbered one lower)'
      }
    ]);
  });

  it('every problem of a row is listed, and all rows are reported, not only the first', async () => {
    const text = `${INVOICE_HEADER}\nA,,someday,2024-01-31,-5\nB,C,2024-01-01,2024-01-31,5\nD,C,2024-01-01,,5\n`;
    expect(await rejected('inv.csv', text)).toEqual([
      { file: 'inv.csv', row: 2, column: 'customer_id', reason: 'customer_id is required but empty' },
      { file: 'inv.csv', row: 2, column: 'invoice_date', reason: '"someday" is not a date in this column\'s format YYYY-MM-DD' },
      { file: 'inv.csv', row: 2, column: 'amount', reason: 'amount must be greater than 0, got -5.00' },
      { file: 'inv.csv', row: 4, column: 'due_date', reason: 'due_date is required but empty' }
    ]);
  });
});

describe('set problems', () => {
  // the second in a file, wherever it stands, and one right after its twin (a sorted file)
  it.each([
    ['within a file', 'A,C,2024-01-01,2024-01-31,5\nB,C,2024-01-01,2024-01-31,5\nA,C,2024-01-02,2024-02-01,6', 'A', 2],
    ['next to itself in a sorted file', 'A,C,2024-01-01,2024-01-31,5\nB,C,2024-01-01,2024-01-31,5\nB,C,2024-01-01,2024-01-31,5', 'B', 3]
  ])('a duplicate id %s', async (_case, records, id, first) => {
    const got = await rejected('inv.csv', `${INVOICE_HEADER}\n${records}\n`);
    expect(got).toEqual([
      { file: 'inv.csv', row: 4, column: 'invoice_id', reason: `invoice_id "${id}" appears more than once (first at inv.csv row ${first})` }
    ]);
  });

  it('a duplicate id across two files of one call', async () => {
    const a = writeSource(fresh.dir, 'a.csv', `${INVOICE_HEADER}\nA,C,2024-01-01,2024-01-31,5\n`);
    const b = writeSource(
      fresh.dir,
      'b.csv',
      `InvoiceNumber,CustomerID,InvoiceDate,DueDate,Amount\nZ,C,2024-01-01,2024-01-31,5\nA,C,2024-01-01,2024-01-31,5\n`
    );
    const result = await ingestFiles(fresh.connection, [a, b]);
    expect(result.rejected).toEqual([
      { file: 'b.csv', row: 3, column: 'InvoiceNumber', reason: 'invoice_id "A" appears more than once (first at a.csv row 2)' }
    ]);
    expect(await count(fresh.db, 'invoices')).toBe(0);
  });

  it('an id already loaded', async () => {
    await seedInvoice('A');
    const got = await rejected('more.csv', `${INVOICE_HEADER}\nA,C,2024-01-01,2024-01-31,5\n`);
    expect(got).toEqual([
      {
        file: 'more.csv',
        row: 2,
        column: 'invoice_id',
        reason: 'invoice_id "A" is already loaded (seed.csv row 2, load 1); --replace replaces the rows of a file with the same name'
      }
    ]);
  });

  it('payments, adjustments and activities naming unknown invoices', async () => {
    await seedInvoice('I1');
    const pay = writeSource(fresh.dir, 'pay.csv', 'payment_id,invoice_id,payment_date,amount\nP1,I1,2024-02-01,5\nP2,I9,2024-02-01,5\n');
    const adj = writeSource(fresh.dir, 'adj.csv', 'adjustment_id,invoice_id,adjustment_date,amount,kind\nJ1,I8,2024-02-01,5,write_off\n');
    const act = writeSource(
      fresh.dir,
      'act.csv',
      'activity_id,customer_id,activity_date,channel,invoice_id\nT1,C1,2024-02-01,call,\nT2,C1,2024-02-01,email,I7\n'
    );
    const result = await ingestFiles(fresh.connection, [pay, adj, act]);
    expect(result.rejected).toEqual([
      {
        file: 'pay.csv',
        row: 3,
        column: 'invoice_id',
        reason: 'invoice_id "I9" is not a known invoice (neither loaded before nor in this upload)'
      },
      {
        file: 'adj.csv',
        row: 2,
        column: 'invoice_id',
        reason: 'invoice_id "I8" is not a known invoice (neither loaded before nor in this upload)'
      },
      {
        file: 'act.csv',
        row: 3,
        column: 'invoice_id',
        reason: 'invoice_id "I7" is not a known invoice (neither loaded before nor in this upload)'
      }
    ]);
  });

  it('a payment may name an invoice from another file of the same call, in any order', async () => {
    const pay = writeSource(fresh.dir, 'pay.csv', 'payment_id,invoice_id,payment_date,amount\nP1,N1,2024-02-01,5\n');
    const inv = writeSource(fresh.dir, 'inv.csv', `${INVOICE_HEADER}\nN1,C,2024-01-01,2024-01-31,5\n`);
    expect(await ingestFiles(fresh.connection, [pay, inv])).toMatchObject({ loaded: { payments: 1, invoices: 1 }, rejected: [] });
  });

  it(`caps the list at ${REJECTION_CAP} and says how many there were`, async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `X${i},C,2024-01-01,2024-01-31,-1`);
    const got = await rejected('many.csv', `${INVOICE_HEADER}\n${lines.join('\n')}\n`);
    expect(got).toHaveLength(REJECTION_CAP + 1);
    expect(got[0]).toEqual({ file: 'many.csv', row: 2, column: 'amount', reason: 'amount must be greater than 0, got -1.00' });
    expect(got[REJECTION_CAP]).toEqual({
      file: 'many.csv',
      row: null,
      column: null,
      reason: `1500 problems in all; only the first ${REJECTION_CAP} are listed`
    });
  });
});
