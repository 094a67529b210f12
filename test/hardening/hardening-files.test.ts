// Files checked before they are read (issue 14 #3, #4, #9, #10): Parquet footers that lie, a
// 100,000-column CSV, a bad RFC 5987 file name; a preview's time limit; a client that leaves
// stops its preview or its load. Through createApp().request() on a small ledger, with hostile
// Parquet files written byte by byte (support/hostile-parquet.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import { generateLedger } from '../../data/generator/index.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { writeHostileParquet } from '../../support/hostile-parquet.ts';

let dir = '';
let uploads = '';
let db: Database;
let app: ReturnType<typeof createApp>;
let bigInvoices = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-files-'));
  uploads = join(dir, 'uploads');
  db = await ledgerDatabase({
    customers: [{ customer_id: 'C1', name: 'One Ltd', collector: 'Ann' }],
    invoices: [{ invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-06-20', amount: '800.00' }]
  });
  app = createApp({ db, uploadsDir: uploads, auth: 'disabled' });
  // 300,000 invoices (about 18 MB): a load and a preview that take seconds
  const big = await generateLedger({ out: join(dir, 'big'), invoices: 300_000, customers: 100, seed: 5 });
  bigInvoices = join(dir, 'big-invoices.csv');
  writeFileSync(bigInvoices, readFileSync(big.files.invoices, 'utf8').replace(/^INV/gm, 'BIG'));
}, 300_000);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.RADAR_PREVIEW_TIMEOUT_MS;
});

function form(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  body.append('files', new Blob([bytes as BlobPart]), name);
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return body;
}
async function post(path: string, body: FormData | string, init: RequestInit = {}) {
  const started = performance.now();
  const response = await app.request(path, { method: 'POST', body, ...init });
  return {
    status: response.status,
    ms: performance.now() - started,
    json: (await response.json()) as { error?: string; problems?: string[] }
  };
}
const loads = async () => (await db.read<{ n: string }>('select count(*) as n from loads'))[0]!.n;

describe('Parquet footers are checked against the file before any scan', () => {
  it('a 139-byte file claiming 4e18 rows: preview and upload refuse it at once, naming the claim', async () => {
    const path = join(dir, 'claims.parquet');
    const size = writeHostileParquet(path, { claimedRows: 4_000_000_000_000_000_000n, rowGroups: 1, pageValues: 1000 });
    expect(size).toBe(139);
    const preview = await post('/api/uploads/preview', form('claims.parquet', readFileSync(path)));
    // before: no answer, both cores pinned for minutes (an ORDER BY over 4e18 claimed rows)
    expect(preview.ms).toBeLessThan(2000);
    expect(JSON.stringify(preview.json)).toMatch(/claims 4000000000000000000 rows, more than the 100000000 one file may hold/);
    const before = await loads();
    const upload = await post('/api/uploads', form('claims.parquet', readFileSync(path), { as: 'invoices' }));
    expect(upload.status).toBe(400);
    expect(upload.ms).toBeLessThan(2000);
    expect(upload.json.error).toMatch(/claims\.parquet: the Parquet file claims 4000000000000000000 rows/);
    expect(await loads()).toBe(before);
  });

  it('200,000 repeats of one row group (200 M rows claimed in 8.6 MB): refused in a second, nothing loaded', async () => {
    const path = join(dir, 'repeated.parquet');
    writeHostileParquet(path, { claimedRows: 200_000_000n, rowGroups: 200_000, pageValues: 1000 });
    const before = await loads();
    const upload = await post('/api/uploads', form('repeated.parquet', readFileSync(path), { as: 'invoices' }));
    expect(upload.status).toBe(400);
    expect(upload.ms).toBeLessThan(3000);
    expect(upload.json.error).toMatch(/repeated\.parquet: the Parquet footer is 86000\d\d bytes/);
    expect(await loads()).toBe(before);
  });

  it('a footer within the row limit whose row groups share one page: refused for the repetition', async () => {
    const path = join(dir, 'shared.parquet');
    writeHostileParquet(path, { claimedRows: 2_000_000n, rowGroups: 2000, pageValues: 1000 });
    const upload = await post('/api/uploads', form('shared.parquet', readFileSync(path), { as: 'invoices' }));
    expect(upload.status).toBe(400);
    // 2000 row groups × 25 bytes of column chunk = 50,000 bytes claimed; 25 bytes hold data
    expect(upload.json.error).toMatch(/row groups claim 50000 bytes of data, but the file holds 25 bytes before its footer/);
  });
});

describe('odd files and names', () => {
  it('a customers CSV with 100,000 columns is refused within a second with the right count', async () => {
    const header = ['customer_id', 'name', ...Array.from({ length: 99_998 }, (_, i) => `extra_${i}`)];
    const row = (id: string) => [id, `Name ${id}`, ...Array.from({ length: 99_998 }, () => '1')].join(',');
    const csv = [header.join(','), row('C7'), row('C8')].join('\n') + '\n';
    const upload = await post('/api/uploads', form('wide-customers.csv', csv, { as: 'customers' }));
    expect(upload.status).toBe(400);
    // alone it answers in about 0.2 s (docs/reliability.md); the bound leaves room for a busy machine
    expect(upload.ms).toBeLessThan(1500);
    expect(upload.json.error).toMatch(/wide-customers\.csv: the header has 100000 columns; a ledger file has at most 1000/);
  });

  it("a bad RFC 5987 file name (filename*=UTF-8''bad%ZZ.csv) is a 400, not a URIError 500", async () => {
    const boundary = 'radar-5987';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename*=UTF-8''bad%ZZ.csv\r\n\r\ninvoice_id\r\n--${boundary}--\r\n`;
    const answer = await post('/api/uploads', body, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/not valid RFC 5987 percent-encoding/);
  });
});

describe('time limits and clients that leave', () => {
  it('a preview past RADAR_PREVIEW_TIMEOUT_MS is stopped and says so', async () => {
    process.env.RADAR_PREVIEW_TIMEOUT_MS = '150';
    const preview = await post('/api/uploads/preview', form('big-invoices.csv', readFileSync(bigInvoices)));
    expect(preview.status).toBe(400);
    expect(preview.json.error).toMatch(/big-invoices\.csv: the preview took longer than 0\.15 s/);
  }, 60_000);

  it('a client that leaves stops its load: nothing is loaded and the write path is free at once', async () => {
    const before = await loads();
    const controller = new AbortController();
    const started = performance.now();
    const upload = Promise.resolve(
      app.request('/api/uploads', {
        method: 'POST',
        body: form('big-invoices.csv', readFileSync(bigInvoices), { as: 'invoices' }),
        signal: controller.signal
      })
    );
    // the file is received and the load is under way
    while (db.writeProgress().stage !== 'loading' && performance.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    expect(db.writeProgress().busy).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    const left = performance.now();
    await upload.catch(() => null);
    // the next write (an activity) gets the write path within a second of the client leaving
    const activity = await app.request('/api/activities', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: 'C1', activity_date: '2024-07-01', channel: 'call', logged_by: 'ann' })
    });
    expect(activity.status).toBe(201);
    expect(performance.now() - left).toBeLessThan(1500);
    expect(await loads()).toBe(before);
    expect(readdirSync(uploads)).toEqual([]);
  }, 60_000);
});
