// RADAR_UPLOAD_LIMIT on both ends that receive files: POST /api/uploads and its preview answer 413
// for a body over the limit (declared or streamed), and nothing is loaded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { applySchema } from '../../server/models.ts';
import { uploadPreviewRoutes } from '../../server/routes/upload-preview.ts';
import { uploadRoutes } from '../../server/routes/uploads.ts';
import { uploadLimitFromEnv } from '../../server/routes/received-files.ts';
import { count } from '../fixtures/ingest/helpers.ts';

const LIMIT = 2_000;
const BOUNDARY = 'radar-test-boundary';
const INVOICES = 'invoice_id,customer_id,invoice_date,due_date,amount\n';

let db: Database;
let app: Hono;
beforeEach(async () => {
  db = await Database.open(':memory:');
  await db.write((connection) => applySchema(connection));
  app = new Hono()
    .route('/api/uploads/preview', uploadPreviewRoutes(db, LIMIT))
    .route('/api/uploads', uploadRoutes(db, mkdtempSync(join(tmpdir(), 'radar-limit-')), LIMIT));
  app.onError((error, c) => c.json({ error: error.message }, (error as { status?: 400 | 413 }).status ?? 500));
});
afterEach(() => db.close());

/** A multipart body with one CSV file of `rows` invoice lines. */
function multipart(rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `I${i},C1,2024-01-01,2024-01-31,100`).join('\n');
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="invoices.csv"\r\nContent-Type: text/csv\r\n\r\n${INVOICES}${lines}\n\r\n--${BOUNDARY}--\r\n`;
}

function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 256) controller.enqueue(bytes.subarray(at, at + 256));
      controller.close();
    }
  });
}

const headers = (extra: Record<string, string> = {}) => ({ 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...extra });

describe.each(['/api/uploads', '/api/uploads/preview'])('%s over the limit', (path) => {
  it('answers 413 for a declared length over the limit, before reading the body', async () => {
    const body = multipart(200);
    expect(body.length).toBeGreaterThan(LIMIT);
    const answer = await app.request(path, { method: 'POST', headers: headers({ 'content-length': String(body.length) }), body });
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toBe(`the upload is ${body.length} bytes, over the limit of ${LIMIT} bytes (RADAR_UPLOAD_LIMIT)`);
    expect(await count(db, 'invoices')).toBe(0);
  });

  it('answers 413 for a streamed body once it passes the limit', async () => {
    const answer = await app.request(path, {
      method: 'POST',
      headers: headers(),
      body: streamed(multipart(200)),
      duplex: 'half'
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toBe(`the upload is larger than the limit of ${LIMIT} bytes (RADAR_UPLOAD_LIMIT)`);
    expect(await count(db, 'invoices')).toBe(0);
  });

  it('takes a body under the limit', async () => {
    const body = multipart(3);
    const answer = await app.request(path, { method: 'POST', headers: headers({ 'content-length': String(body.length) }), body });
    expect(answer.status).toBe(200);
  });
});

describe('RADAR_UPLOAD_LIMIT', () => {
  afterEach(() => delete process.env.RADAR_UPLOAD_LIMIT);
  it('reads bytes, k, m and g, and defaults to 1 GB', () => {
    expect(uploadLimitFromEnv()).toBe(1024 ** 3);
    for (const [text, bytes] of [
      ['5000', 5000],
      ['64k', 65_536],
      ['2m', 2 * 1024 ** 2],
      ['1.5g', 1.5 * 1024 ** 3],
      ['10MB', 10 * 1024 ** 2]
    ] as const) {
      process.env.RADAR_UPLOAD_LIMIT = text;
      expect(uploadLimitFromEnv()).toBe(bytes);
    }
  });
});
