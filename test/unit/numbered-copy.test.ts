// The numbered copy of a CSV (server/ingest/numbered-copy.ts): each record gets the number DuckDB's
// `row_number() over () + 1` gives it on the file itself, so the ingest can read the number as a
// column in parallel. Checked byte for byte on a small file worked out by hand, against DuckDB's own
// numbering on a file whose records cross the scan's 1 MiB chunks, and through a load.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, queryRows } from '../../server/db.ts';
import { ingestFiles } from '../../server/ingest/index.ts';
import { csvLayout, numberedCopy, numberedParts, type NumberedPart } from '../../server/ingest/numbered-copy.ts';
import { applySchema } from '../../server/models.ts';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'numbered-copy-'));
  db = await Database.open(':memory:');
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function copied(path: string, delimiter = ',') {
  const copy = await numberedCopy(path, delimiter);
  if (copy.kind !== 'numbered') return { kind: copy.kind, text: null, records: null };
  const text = readFileSync(copy.path, 'latin1');
  rmSync(copy.dir, { recursive: true, force: true });
  return { kind: copy.kind, text, records: copy.records };
}

describe('numberedCopy', () => {
  it('numbers records as the reader does: BOM first, CRLF, a blank line, a quoted line break, doubled quotes, no final line end', async () => {
    const path = write(
      'worked.csv',
      '\uFEFFid,note,amount\r\n' + 'A1,plain,1.00\r\n' + '\r\n' + 'A2,"two\r\nlines",2.00\r\n' + 'A3,"say ""hi""",3.00'
    );
    const result = await copied(path);
    // the header is row 1; the blank line is not a record; A2's two lines are one record (row 3)
    expect(result).toEqual({
      kind: 'numbered',
      records: 3,
      text: Buffer.from(
        '\uFEFF__row,id,note,amount\r\n' + '2,A1,plain,1.00\r\n' + '\r\n' + '3,A2,"two\r\nlines",2.00\r\n' + '4,A3,"say ""hi""",3.00',
        'utf8'
      ).toString('latin1')
    });
  });

  it('uses the file delimiter for the number', async () => {
    const path = write('semicolon.csv', 'id;amount\nA1;1,00\nA2;2,00\n');
    expect((await copied(path, ';')).text).toBe('__row;id;amount\n2;A1;1,00\n3;A2;2,00\n');
  });

  it('makes no copy of a file readers could split differently', async () => {
    const cases: [string, string, string][] = [
      ['mixed', 'id,amount\r\nA1,1.00\nA2,2.00\n', 'mixed'],
      ['quote inside an unquoted value', 'id,note\nA1,say "hi"\n', 'irregular'],
      ['text after a closing quote', 'id,note\nA1,"hi"x\n', 'irregular'],
      ['a carriage return inside a line', 'id,note\nA1,one\rtwo\n', 'irregular'],
      ['a blank line before the header', '\nid,note\nA1,x\n', 'irregular'],
      ['a quote never closed', 'id,note\nA1,"open\nA2,x\n', 'irregular']
    ];
    for (const [name, text, kind] of cases) {
      expect((await copied(write(`${name}.csv`, text))).kind, name).toBe(kind);
      // the check the ingest makes first says the same without writing anything
      expect(await csvLayout(join(dir, `${name}.csv`), ','), name).toBe(kind);
    }
    expect(await csvLayout(write('fine.csv', 'id,note\nA1,"x ""y"""\n'), ',')).toBe('regular');
  });

  it('agrees with DuckDB row for row across chunks, with a record longer than a chunk', async () => {
    // about 3.5 MB: ordinary records, quoted values with line breaks and doubled quotes, blank lines,
    // and one note of 1.5 MB, so records straddle the 1 MiB chunks and one outgrows half a chunk
    const lines = ['id,note,amount'];
    for (let i = 0; i < 40_000; i++) {
      if (i % 97 === 0) lines.push('');
      const note = i % 13 === 0 ? `"line one\nline ""two"" of ${i}"` : i === 20_000 ? `"${'x'.repeat(1_500_000)}\n"` : `note ${i}`;
      lines.push(`INV${i},${note},${(i % 1000) + 0.25}`);
    }
    const path = write('chunks.csv', lines.join('\r\n') + '\r\n');
    const copy = await numberedCopy(path, ',');
    expect(copy.kind).toBe('numbered');
    if (copy.kind !== 'numbered') return;
    expect(copy.records).toBe(40_000);
    const options = `header = true, auto_detect = false, delim = ',', quote = '"', escape = '"'`;
    const [diff] = await db.read<{ here: string; there: string; n: string }>(
      `with mine as (select * from read_csv('${copy.path}', columns = {'r': 'bigint', 'id': 'varchar', 'note': 'varchar', 'amount': 'varchar'}, ${options})),
            theirs as (select row_number() over () + 1 as r, * from read_csv('${path}', columns = {'id': 'varchar', 'note': 'varchar', 'amount': 'varchar'}, ${options}))
       select (select count(*) from (from mine except all from theirs)) as here,
              (select count(*) from (from theirs except all from mine)) as there, (select count(*) from mine) as n`
    );
    rmSync(copy.dir, { recursive: true, force: true });
    expect(diff).toEqual({ here: '0', there: '0', n: '40000' });
  });
});

describe('numberedParts', () => {
  it('cuts the copy between records; the parts read one after another are the whole file, numbered as DuckDB numbers it', async () => {
    // 120,000 records (about 5 MB) with quoted line breaks and blank lines, in parts of at least 100 kB
    // (a part ends after the 1 MiB chunk that took it past the size):
    // only the first part has the header line, and every part ends where a record ends
    const lines = ['id,note,amount'];
    for (let i = 0; i < 120_000; i++) {
      if (i % 101 === 0) lines.push('');
      lines.push(`INV${i},${i % 7 === 0 ? `"two\nlines ""${i}"""` : `note ${i}`},${i}.50`);
    }
    const path = write('parts.csv', lines.join('\n') + '\n');
    const partsDir = mkdtempSync(join(dir, 'parts-'));
    const parts: NumberedPart[] = [];
    expect(await numberedParts(path, ',', partsDir, 100_000, (part) => parts.push(part))).toBe(120_000);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.map((p) => [p.index, p.header])).toEqual(parts.map((_, i) => [i, i === 0]));
    const columns = `{'r': 'bigint', 'id': 'varchar', 'note': 'varchar', 'amount': 'varchar'}`;
    const options = `auto_detect = false, delim = ',', quote = '"', escape = '"'`;
    const reads = parts.map((part) => `select * from read_csv('${part.path}', columns = ${columns}, header = ${part.header}, ${options})`);
    const [diff] = await db.read<{ here: string; there: string; n: string; distinct: string }>(
      `with mine as (${reads.join(' union all ')}),
            theirs as (select row_number() over () + 1 as r, * from read_csv('${path}', columns = {'id': 'varchar', 'note': 'varchar', 'amount': 'varchar'}, header = true, ${options}))
       select (select count(*) from (from mine except all from theirs)) as here,
              (select count(*) from (from theirs except all from mine)) as there, (select count(*) from mine) as n,
              (select count(distinct r) from mine) as distinct`
    );
    expect(diff).toEqual({ here: '0', there: '0', n: '120000', distinct: '120000' });
  });
});

describe('a load through the numbered copy', () => {
  it('keeps each invoice on the row a spreadsheet shows, blank lines and line breaks in values included', async () => {
    const path = write(
      'invoices.csv',
      'invoice_id,customer_id,invoice_date,due_date,amount,currency,po_number\n' +
        'I1,C1,2026-01-05,2026-02-04,100.00,USD,PO-1\n' +
        '\n' +
        'I2,C1,2026-01-06,2026-02-05,200.00,USD,"PO-2\nsecond line"\n' +
        'I3,C2,2026-01-07,2026-02-06,300.00,USD,PO-3\n'
    );
    const database = await Database.open(':memory:');
    try {
      const connection = await database.connect();
      await applySchema(connection);
      const result = await ingestFiles(connection, [{ path, name: 'invoices.csv' }]);
      expect(result.rejected).toEqual([]);
      // rows: header 1, I1 2, (blank line, not a record), I2 3 (two lines, one record), I3 4
      expect(await queryRows(connection, 'select invoice_id, source_row::integer as row from invoices order by invoice_id')).toEqual([
        { invoice_id: 'I1', row: 2 },
        { invoice_id: 'I2', row: 3 },
        { invoice_id: 'I3', row: 4 }
      ]);
      // a bad value still names its row: the diagnosing pass reads the file itself
      const bad = write(
        'bad.csv',
        'invoice_id,customer_id,invoice_date,due_date,amount,currency\nJ1,C1,2026-01-05,2026-02-04,1.00,USD\n\nJ2,C1,2026-13-45,2026-02-04,1.00,USD\n'
      );
      const refused = await ingestFiles(connection, [{ path: bad, name: 'bad.csv' }]);
      expect(refused.rejected.map((r) => [r.file, r.row, r.column])).toEqual([['bad.csv', 3, 'invoice_date']]);
    } finally {
      database.close();
    }
  });

  it('loads the same rows, read from the file itself, when the copy cannot be written', async () => {
    const path = write(
      'no-copy.csv',
      'invoice_id,customer_id,invoice_date,due_date,amount,currency\n' +
        'K1,C1,2026-01-05,2026-02-04,10.00,USD\n' +
        '\n' +
        'K2,C1,2026-01-06,2026-02-05,20.00,USD\n'
    );
    const database = await Database.open(':memory:');
    const saved = process.env.TMPDIR;
    // the copy goes to the temp folder: one that does not exist fails it before anything is written
    process.env.TMPDIR = join(dir, 'no-such-folder');
    try {
      const connection = await database.connect();
      await applySchema(connection);
      const result = await ingestFiles(connection, [{ path, name: 'no-copy.csv' }]);
      expect(result).toMatchObject({ loaded: { invoices: 2 }, rejected: [] });
      expect(await queryRows(connection, 'select invoice_id, source_row::integer as row from invoices order by invoice_id')).toEqual([
        { invoice_id: 'K1', row: 2 },
        { invoice_id: 'K2', row: 3 }
      ]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      database.close();
    }
  });
});
