// The upload preview checks the values of the rows it shows with the load's own row checks: each
// cell a load would reject comes back with its row, column and the load's reason, and the mapping
// says which required fields no column fills (a wide ECB rates file's currency columns fill two).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { UploadPreview } from '../../server/contracts/loads.ts';
import type { IngestReport } from '../../server/contracts/uploads.ts';
import { Database } from '../../server/db.ts';
import { applySchema } from '../../server/models.ts';

const fixture = (name: string) => new URL(`../fixtures/csv/${name}`, import.meta.url).pathname;
const uploads = mkdtempSync(join(tmpdir(), 'radar-preview-values-'));
let db: Database;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  db = await Database.open(':memory:');
  await db.write((connection) => applySchema(connection));
  app = createApp({ db, auth: 'disabled', uploadsDir: uploads });
});
afterEach(() => db.close());
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

async function post<T>(path: string, name: string, fields: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const form = new FormData();
  form.append('files', new Blob([readFileSync(fixture(name))]), name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const response = await app.request(path, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as T };
}

describe('POST /api/uploads/preview checks the values it shows', () => {
  it('marks each cell the load rejects, with the reason the load gives', async () => {
    // preview-bad-cells.csv, rows as the reject report numbers them (the header is row 1):
    //   2  INV-1  2025-01-05 → 2025-02-04  100.00  USD  no      clean
    //   3  INV-2  2025-13-40              250.00  USD  no      month 13: not a date
    //   4  INV-3  2025-01-07             abc      EURO maybe   amount, currency code and yes/no all unreadable
    //   5  INV-4  2025-01-08 → 2025-01-01  -5.00  EUR  yes     amount not > 0; due before the invoice date
    const { status, body } = await post<UploadPreview>('/api/uploads/preview', 'preview-bad-cells.csv');
    expect(status).toBe(200);
    expect(body.shape).toBe('invoices');
    expect(body.preview_rows).toEqual([2, 3, 4, 5]);
    const cells = body.cell_problems.map(({ row, column, reason }) => ({ row, column, reason }));
    expect(cells).toEqual([
      { row: 3, column: 'invoice_date', reason: '"2025-13-40" is not a date in this column\'s format YYYY-MM-DD' },
      { row: 4, column: 'amount', reason: '"abc" is not an amount' },
      { row: 4, column: 'currency', reason: '"EURO" is not a currency code (three letters, like USD)' },
      { row: 4, column: 'disputed', reason: '"maybe" is not yes/no (yes, no, y, n, true, false, 1, 0)' },
      { row: 5, column: 'amount', reason: 'amount must be greater than 0, got -5.00' },
      { row: 5, column: 'due_date', reason: 'due_date 2025-01-01 is before invoice_date 2025-01-08' }
    ]);
    // the same rules as the load: committing the file rejects exactly these cells, and keeps nothing
    const load = await post<IngestReport>('/api/uploads', 'preview-bad-cells.csv');
    expect(load.status).toBe(400);
    const rejected = load.body.rejected.map(({ row, column, reason }) => ({ row, column, reason }));
    expect(rejected).toEqual(expect.arrayContaining(cells));
    expect(rejected).toHaveLength(cells.length);
    expect(await db.read('select * from invoices')).toEqual([]);
  });

  it('checks a wide ECB rates file cell by cell under its currency column, and its currency columns fill currency and rate', async () => {
    // preview-wide-rates.csv: Date, USD, JPY, GBP; JPY on 2026-11-25 (row 3) is "abc"; GBP's N/A (row 4) is a missing day, not an error
    const { status, body } = await post<UploadPreview>('/api/uploads/preview', 'preview-wide-rates.csv');
    expect(status).toBe(200);
    expect(body.shape).toBe('fx_rates');
    expect(body.wide_currency_columns).toEqual(['USD', 'JPY', 'GBP']);
    expect(body.fields.filter((f) => f.missing)).toEqual([]);
    expect(body.cell_problems.map(({ row, column, reason }) => ({ row, column, reason }))).toEqual([
      { row: 3, column: 'JPY', reason: '"abc" is not a rate (a number like 1.0947)' }
    ]);
  });

  it('marks a required field no column fills as missing', async () => {
    // invoices need a due date; this file has invoice_id, customer_id, invoice_date and amount only
    const { body } = await post<UploadPreview>('/api/uploads/preview', 'preview-no-due-date.csv', { as: 'invoices' });
    expect(body.fields.filter((f) => f.missing).map((f) => f.name)).toEqual(['due_date']);
    expect(body.fields.find((f) => f.name === 'amount')).toMatchObject({ required: true, missing: false });
    expect(body.problems.join('\n')).toMatch(/missing required column due_date/);
  });
});
