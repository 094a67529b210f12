// CSV files DuckDB's reader finds hard: lines ending partly in CRLF and partly in LF (two exports
// concatenated) load; a file it cannot read is refused once, with the line where it failed and a
// reason that applies. Through the upload API (and its preview) and the CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { applySchema } from '../../server/models.ts';
import { uploadPreviewRoutes } from '../../server/routes/upload-preview.ts';
import { uploadRoutes } from '../../server/routes/uploads.ts';
import { count, rows } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => new URL(`../fixtures/csv/${name}`, import.meta.url).pathname;
const QUOTE_REASON =
  'cannot read this line as CSV: a value opens a quote (") that is never closed, or a quote inside a value is not doubled ("")';
const CR_REASON =
  'a carriage return (\\r) in the middle of this line: the CSV reader cannot split it; remove it, or save the file again from the spreadsheet';

let db: Database;
let app: Hono;
const uploads = mkdtempSync(join(tmpdir(), 'radar-csv-uploads-'));
beforeEach(async () => {
  db = await Database.open(':memory:');
  await db.write((connection) => applySchema(connection));
  app = new Hono().route('/api/uploads/preview', uploadPreviewRoutes(db)).route('/api/uploads', uploadRoutes(db, uploads));
  app.onError((error, c) => c.json({ error: error.message }, (error as { status?: 400 }).status ?? 500));
});
afterEach(() => db.close());
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

function post(path: string, name: string) {
  const form = new FormData();
  form.append('files', new Blob([readFileSync(fixture(name))]), name);
  return app.request(path, { method: 'POST', body: form });
}

describe('POST /api/uploads', () => {
  it('loads a file whose first lines end in CRLF and the rest in LF, every value clean', async () => {
    // rows 2-3 end in CRLF, rows 4-6 in LF
    expect(readFileSync(fixture('mixed-line-endings.csv'), 'latin1')).toMatch(/200\.00\r\nA3,.*300\.00\nA4/);
    const response = await post('/api/uploads', 'mixed-line-endings.csv');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ loaded: { invoices: 5 }, rejected: [] });
    // 100 + 200 + 300 + 400 + 500 = 1,500.00; no value keeps a carriage return
    expect(
      await rows(
        db,
        `select sum(amount)::varchar as total, count(*) filter (where customer_id like '%\r%' or invoice_id like '%\r%')::int as cr from invoices`
      )
    ).toEqual([{ total: '1500.00', cr: 0 }]);
    expect(await rows(db, `select invoice_id, customer_id, source_row::int as row from invoices order by invoice_id`)).toEqual([
      { invoice_id: 'A1', customer_id: 'C1', row: 2 },
      { invoice_id: 'A2', customer_id: 'C1', row: 3 },
      { invoice_id: 'A3', customer_id: 'C2', row: 4 },
      { invoice_id: 'A4', customer_id: 'C2', row: 5 },
      { invoice_id: 'A5', customer_id: 'C3', row: 6 }
    ]);
  });

  it('refuses a broken quote once, at its line, and keeps nothing', async () => {
    const response = await post('/api/uploads', 'broken-quote.csv');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.rejected).toEqual([{ file: 'broken-quote.csv', row: 4, column: null, reason: QUOTE_REASON }]);
    expect(body.error).toBe(`broken-quote.csv, row 4: ${QUOTE_REASON}; nothing was loaded`);
    expect(await count(db, 'invoices')).toBe(0);
  });

  it('refuses a carriage return inside a line once, at its line (the reader names none)', async () => {
    const response = await post('/api/uploads', 'stray-carriage-return.csv');
    expect(response.status).toBe(400);
    expect((await response.json()).rejected).toEqual([{ file: 'stray-carriage-return.csv', row: 3, column: null, reason: CR_REASON }]);
    expect(await count(db, 'invoices')).toBe(0);
  });
});

describe('POST /api/uploads/preview', () => {
  it('reads the mixed file as the load will: 5 rows, nothing in the way', async () => {
    const response = await post('/api/uploads/preview', 'mixed-line-endings.csv');
    expect(response.status).toBe(200);
    const preview = await response.json();
    expect(preview).toMatchObject({ shape: 'invoices', row_count: 5, problems: [] });
    expect(preview.preview[1]).toEqual({
      invoice_id: 'A2',
      customer_id: 'C1',
      invoice_date: '2025-01-02',
      due_date: '2025-02-01',
      amount: '200.00'
    });
  });
});

describe('the CLI', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'radar-csv-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync('node_modules/.bin/tsx', ['server/cli.ts', ...args, '--db', join(dir, 'csv.duckdb')], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' }
    });

  it('loads the mixed file and refuses the broken quote with one line naming its row', () => {
    const mixed = cli('ingest', fixture('mixed-line-endings.csv'), '--json');
    expect(mixed.status).toBe(0);
    expect(JSON.parse(mixed.stdout)).toEqual({ loaded: { invoices: 5 }, rejected: [] });
    const broken = cli('ingest', fixture('broken-quote.csv'), '--json');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toBe(`error: broken-quote.csv, row 4: ${QUOTE_REASON}; nothing was loaded\n`);
    expect(JSON.parse(broken.stdout)).toEqual({
      loaded: {},
      rejected: [{ file: 'broken-quote.csv', row: 4, column: null, reason: QUOTE_REASON }]
    });
  });
});
