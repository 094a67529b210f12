// All or nothing, --replace and undo: what stays in the tables after each call.
import { describe, expect, it } from 'vitest';
import { IngestError, ingestFiles, undoLoad } from '../../server/ingest/index.ts';
import { freshEachTest, rows, writeSource } from '../fixtures/ingest/helpers.ts';

const fresh = freshEachTest();

const HEADER = 'invoice_id,customer_id,invoice_date,due_date,amount';
const snapshot = async () => ({
  invoices: await rows(fresh.db, 'select * from invoices order by load_id, source_row'),
  payments: await rows(fresh.db, 'select * from payments order by load_id, source_row'),
  loads: await rows(fresh.db, 'select * from loads order by load_id')
});

describe('all or nothing', () => {
  it('a call with one bad row among good files leaves the tables exactly as before', async () => {
    const first = await ingestFiles(fresh.connection, [
      writeSource(fresh.dir, 'jan.csv', `${HEADER}\nA,C1,2024-01-01,2024-01-31,10\nB,C2,2024-01-02,2024-02-01,20\n`)
    ]);
    expect(first).toEqual({ loaded: { invoices: 2 }, rejected: [], loadIds: [1] });
    const before = await snapshot();
    const good = writeSource(fresh.dir, 'feb.csv', `${HEADER}\nC,C1,2024-02-01,2024-03-02,30\n`);
    const pay = writeSource(fresh.dir, 'pay.csv', 'payment_id,invoice_id,payment_date,amount\nP1,A,2024-02-01,10\n');
    const bad = writeSource(fresh.dir, 'mar.csv', `${HEADER}\nD,C1,2024-03-01,2024-03-31,40\nE,C1,2024-03-01,2024-03-31,oops\n`);
    const result = await ingestFiles(fresh.connection, [good, pay, bad]);
    expect(result).toEqual({
      loaded: {},
      loadIds: [],
      rejected: [{ file: 'mar.csv', row: 3, column: 'amount', reason: '"oops" is not an amount' }]
    });
    expect(await snapshot()).toEqual(before);
    // the connection is usable and the same files load once fixed
    const fixed = writeSource(fresh.dir, 'mar.csv', `${HEADER}\nD,C1,2024-03-01,2024-03-31,40\nE,C1,2024-03-01,2024-03-31,50\n`);
    expect(await ingestFiles(fresh.connection, [good, pay, fixed])).toMatchObject({ loaded: { invoices: 3, payments: 1 }, rejected: [] });
  });

  it('lineage: one loads row per file and table, rows keep load id, file name (no directory) and row', async () => {
    const result = await ingestFiles(fresh.connection, [
      writeSource(fresh.dir, 'a.csv', `${HEADER}\nA,C,2024-01-01,2024-01-31,1\n`),
      writeSource(fresh.dir, 'b.csv', `${HEADER}\nB,C,2024-01-01,2024-01-31,1\nC,C,2024-01-01,2024-01-31,1\n`)
    ]);
    expect(result).toEqual({ loaded: { invoices: 3 }, rejected: [], loadIds: [1, 2] });
    expect(
      await rows(
        fresh.db,
        'select load_id::int as id, table_name, source_file, shape, rows_loaded::int as n, replaced, undone_at from loads order by 1'
      )
    ).toEqual([
      { id: 1, table_name: 'invoices', source_file: 'a.csv', shape: 'invoices', n: 1, replaced: false, undone_at: null },
      { id: 2, table_name: 'invoices', source_file: 'b.csv', shape: 'invoices', n: 2, replaced: false, undone_at: null }
    ]);
    expect(
      await rows(fresh.db, 'select invoice_id, load_id::int as l, source_file, source_row::int as r from invoices order by 1')
    ).toEqual([
      { invoice_id: 'A', l: 1, source_file: 'a.csv', r: 2 },
      { invoice_id: 'B', l: 2, source_file: 'b.csv', r: 2 },
      { invoice_id: 'C', l: 2, source_file: 'b.csv', r: 3 }
    ]);
  });

  it('keeps only the base name of a file name given with directories', async () => {
    const file = writeSource(fresh.dir, 'x.csv', `${HEADER}\nA,C,2024-01-01,2024-01-31,1\n`);
    await ingestFiles(fresh.connection, [{ path: file.path, name: 'C:\\fakepath\\upload.csv' }]);
    expect(await rows(fresh.db, 'select distinct source_file from invoices union all select source_file from loads')).toEqual([
      { source_file: 'upload.csv' },
      { source_file: 'upload.csv' }
    ]);
  });

  it('invalid options throw IngestError (a usage error), data problems never do', async () => {
    await expect(ingestFiles(fresh.connection, [], { as: 'receipts' } as never)).rejects.toBeInstanceOf(IngestError);
    await expect(ingestFiles(fresh.connection, [], { dateFormat: 'YDM' } as never)).rejects.toThrow(/dateFormat/);
  });
});

describe('--replace', () => {
  it('replaces the rows of a file with the same name, in the tables its shape fills', async () => {
    const v1 =
      'Invoice No,Customer,Invoice Date,Due Date,Amount,Settled Date\nA,C,2024-01-01,2024-01-31,10,2024-02-01\nB,C,2024-01-01,2024-01-31,20,\n';
    await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'list.csv', v1)]);
    await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'other.csv', `${HEADER}\nZ,C,2024-01-01,2024-01-31,99\n`)]);
    const v2 =
      'Invoice No,Customer,Invoice Date,Due Date,Amount,Settled Date\nA,C,2024-01-01,2024-01-31,10,2024-02-01\nB,C,2024-01-01,2024-01-31,20,2024-02-15\n';
    // without --replace the same ids are duplicates
    const again = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'list.csv', v2)]);
    expect(again.rejected.map((r) => [r.row, r.column])).toEqual([
      [2, 'Invoice No'],
      [3, 'Invoice No']
    ]);
    const replaced = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'list.csv', v2)], { replace: true });
    expect(replaced).toMatchObject({ loaded: { invoices: 2, payments: 2 }, rejected: [] });
    expect(await rows(fresh.db, 'select invoice_id, source_file from invoices order by 1')).toEqual([
      { invoice_id: 'A', source_file: 'list.csv' },
      { invoice_id: 'B', source_file: 'list.csv' },
      { invoice_id: 'Z', source_file: 'other.csv' }
    ]);
    expect(await rows(fresh.db, 'select payment_id, payment_date::varchar as d from payments order by 1')).toEqual([
      { payment_id: 'A:settled', d: '2024-02-01' },
      { payment_id: 'B:settled', d: '2024-02-15' }
    ]);
    expect(
      await rows(fresh.db, `select table_name, replaced from loads where load_id in (${replaced.loadIds.join(', ')}) order by load_id`)
    ).toEqual([
      { table_name: 'invoices', replaced: true },
      { table_name: 'payments', replaced: true }
    ]);
  });

  it('a rejected replacement keeps the old rows', async () => {
    await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'r.csv', `${HEADER}\nA,C,2024-01-01,2024-01-31,10\n`)]);
    const result = await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'r.csv', `${HEADER}\nA,C,2024-01-01,2024-01-31,-10\n`)], {
      replace: true
    });
    expect(result.rejected).toHaveLength(1);
    expect(await rows(fresh.db, 'select invoice_id, amount::varchar as a from invoices')).toEqual([{ invoice_id: 'A', a: '10.00' }]);
  });
});

describe('undoLoad', () => {
  it('deletes that load only and marks it undone; a second undo removes nothing', async () => {
    const a = await ingestFiles(fresh.connection, [
      writeSource(fresh.dir, 'a.csv', `${HEADER}\nA,C,2024-01-01,2024-01-31,1\nB,C,2024-01-01,2024-01-31,1\n`)
    ]);
    await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'b.csv', `${HEADER}\nC,C,2024-01-01,2024-01-31,1\n`)]);
    expect(await undoLoad(fresh.connection, a.loadIds[0]!)).toEqual({ removed: { invoices: 2 } });
    expect(await rows(fresh.db, 'select invoice_id from invoices')).toEqual([{ invoice_id: 'C' }]);
    const [load] = await rows(fresh.db, 'select undone_at is not null as undone from loads where load_id = $1', [a.loadIds[0]!]);
    expect(load).toEqual({ undone: true });
    expect(await undoLoad(fresh.connection, a.loadIds[0]!)).toEqual({ removed: { invoices: 0 } });
    // the undone ids can be loaded again
    expect(
      await ingestFiles(fresh.connection, [writeSource(fresh.dir, 'a.csv', `${HEADER}\nA,C,2024-01-01,2024-01-31,1\n`)])
    ).toMatchObject({
      rejected: []
    });
  });

  it('an unknown load id is an IngestError', async () => {
    await expect(undoLoad(fresh.connection, 42)).rejects.toThrow('load 42 does not exist');
  });
});
