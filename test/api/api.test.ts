// The reporting endpoints and POST /api/uploads through app.request(), as interface.md states them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import * as reports from '../../server/queries/reports.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { postJson } from '../helpers/sessions.ts';
import { WORKED_LEDGER } from '../helpers/worked-ledger.ts';
import { IBM_SAMPLE } from '../../support/shared-data.ts';

const uploadsDir = mkdtempSync(join(tmpdir(), 'radar-api-'));
let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await ledgerDatabase(WORKED_LEDGER);
  app = createApp({ db, uploadsDir, auth: 'disabled' });
});

afterAll(() => {
  db.close();
  rmSync(uploadsDir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: await response.json() };
};

function upload(files: { name: string; content: string | Uint8Array<ArrayBuffer> }[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const file of files) form.append('files', new File([file.content], file.name));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return app.request('/api/uploads', { method: 'POST', body: form });
}

describe('reports over HTTP', () => {
  it('answers the same JSON as the CLI functions', async () => {
    expect(await get('/api/kpis?as_of=2024-03-31')).toEqual({
      status: 200,
      body: await reports.kpis(db, { as_of: '2024-03-31', window: 90 })
    });
    expect((await get('/api/kpis?as_of=2024-03-31&window=90')).body).toMatchObject({ ar: 900, dso: 40.5, countback_dso: 56.25 });
    expect((await get('/api/period?from=2024-03-01&to=2024-03-31')).body).toEqual(
      await reports.period(db, { from: '2024-03-01', to: '2024-03-31' })
    );
    expect((await get('/api/aging?as_of=2024-03-31')).body.total).toBe(900);
    const series = await get('/api/series?from=2024-03-01&to=2024-03-31&grain=month');
    expect(series.body.points).toHaveLength(1);
    expect(series.body.points[0]).toMatchObject({ from: '2024-03-01', to: '2024-03-31', ar: 900, cash_collected: 650 });
  });

  it.each([
    ['/api/kpis?as_of=2024-02-30', /as_of: is not a calendar date/],
    ['/api/kpis?as_of=31/03/2024', /as_of: must be a date written YYYY-MM-DD/],
    ['/api/kpis?as_of=2024-03-31&window=0', /window: must be at least 1 day/],
    ['/api/kpis?window=ninety', /window: must be a whole number of days/],
    ['/api/period?from=2024-03-31&to=2024-03-01', /from: must not be after to/],
    ['/api/period?from=2024-03-01', /from: give both from and to/],
    ['/api/aging?as_of=yesterday', /as_of: must be a date/],
    ['/api/series?from=2024-01-01&to=2024-03-31&grain=day', /grain: must be 'week' or 'month'/],
    ['/api/series?from=2000-01-01&to=2024-03-31&grain=week', /from: a series spans at most ten years/]
  ])('answers 400 naming the parameter for %s', async (path, message) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
  });

  it('answers an unknown endpoint with a JSON 404', async () => {
    expect(await get('/api/nothing-here')).toEqual({ status: 404, body: { error: 'no such endpoint: GET /api/nothing-here' } });
  });

  it('serves an OpenAPI document generated from the same schemas', async () => {
    const { body } = await get('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(body.paths['/api/kpis'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'as_of',
      'window',
      'collector',
      'currency'
    ]);
    expect(Object.keys(body.paths['/api/kpis'].get.responses['200'].content['application/json'].schema.properties)).toContain(
      'countback_dso'
    );
    expect(body.paths['/api/uploads'].post.requestBody.content).toHaveProperty(['multipart/form-data']);
  });
});

describe('POST /api/uploads', () => {
  it('rejects a bad file with file, row, column and reason, and changes nothing', async () => {
    const before = await get('/api/kpis?as_of=2024-03-31');
    const response = await upload([
      { name: 'more-invoices.csv', content: 'invoice_id,customer_id,invoice_date,due_date,amount\nN1,C9,2024-03-01,2024-02-01,10.00\n' }
    ]);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.loaded).toEqual({});
    expect(body.rejected).toEqual([
      { file: 'more-invoices.csv', row: 2, column: 'due_date', reason: 'due_date 2024-02-01 is before invoice_date 2024-03-01' }
    ]);
    expect(body.error).toMatch(/^more-invoices\.csv, row 2, column due_date: .*nothing was loaded$/);
    expect(await get('/api/kpis?as_of=2024-03-31')).toEqual(before);
  });

  it('answers 400 without a file or with an unknown shape', async () => {
    const empty = await app.request('/api/uploads', { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/files/);
    const shape = await upload([{ name: 'x.csv', content: 'a,b\n1,2\n' }], { as: 'receipts' });
    expect(shape.status).toBe(400);
    expect((await shape.json()).error).toMatch(/^as: must be one of/);
  });

  it('refuses a file name that climbs out of the uploads folder', async () => {
    const response = await upload([{ name: '../../etc/ibm-ar-sample.csv', content: new Uint8Array(readFileSync(IBM_SAMPLE)) }]);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^files: the file name/);
  });

  it('loads the IBM sample and the figures change with it', async () => {
    const response = await upload([{ name: 'ibm-ar-sample.csv', content: new Uint8Array(readFileSync(IBM_SAMPLE)) }]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ loaded: { invoices: 2466, payments: 2466 }, rejected: [] });
    const [load] = await db.read<{ source_file: string }>("select source_file from loads where shape = 'settled'");
    expect(load.source_file).toBe('ibm-ar-sample.csv');
    expect((await get('/api/kpis?as_of=2013-06-30')).body).toMatchObject({ ar: 5119.85, current_ar: 4284.29 });
  });
});

describe('POST /api/activities and the period figures', () => {
  it('counts a logged call cost and promise at once', async () => {
    const before = (await get('/api/period?from=2024-03-01&to=2024-03-31')).body;
    expect(before.cost_per_dollar).toBeCloseTo(32.5 / 650, 12);
    expect(before.promise_kept_rate).toBeCloseTo(0.5, 12);
    // C2 paid 650 on 03-01: a promise of 100 made 02-28 for 03-02 is kept
    const response = await postJson(app, '/api/activities', {
      customer_id: 'C2',
      activity_date: '2024-02-28',
      channel: 'call',
      cost: 10,
      promised_date: '2024-03-02',
      promised_amount: 100
    });
    expect(response.status).toBe(201);
    const after = (await get('/api/period?from=2024-03-01&to=2024-03-31')).body;
    // the cost is dated 02-28: March is unchanged, February gains it
    expect(after.cost_per_dollar).toBeCloseTo(32.5 / 650, 12);
    // March promises: T1 broken, T2 kept, the new one kept
    expect(after.promise_kept_rate).toBeCloseTo(2 / 3, 12);
    const february = (await get('/api/period?from=2024-02-01&to=2024-02-29')).body;
    // February cash: A's 400 on 02-01; costs: T2's 3.00 on 02-25 and the new call's 10.00
    expect(february.cost_per_dollar).toBeCloseTo(13 / 400, 12);
  });
});
