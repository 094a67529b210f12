// POST /api/activities and the drift / worklist endpoints, through createApp().request() as a
// client would call them. A logged call shows in the worklist at once (no model rebuild).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { postJson } from '../helpers/sessions.ts';
import { TWO_CUSTOMERS } from '../helpers/two-customers.ts';

// Ingestion is not exercised here; stubbing its entry keeps these tests independent of server/ingest.
vi.mock('../../server/loading.ts', () => ({ loadFiles: vi.fn(), summariseRejections: vi.fn() }));
const { createApp } = await import('../../server/app.ts');

const D = '2024-06-30'; // I1 (800.00) is 10 days past due, I2 (300.00) 60 days
let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await ledgerDatabase(TWO_CUSTOMERS);
  app = createApp({ db, uploadsDir: '/tmp/radar-activities-test-uploads', auth: 'disabled' });
});

afterAll(() => db.close());

const post = (body: unknown) => postJson(app, '/api/activities', body);

describe('GET /api/drift and /api/worklist', () => {
  it('answers the drift report of interface.md', async () => {
    const response = await app.request(`/api/drift?as_of=${D}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.as_of).toBe(D);
    expect(body.customers.map((c: { customer_id: string }) => c.customer_id).sort()).toEqual(['C1', 'C2']);
    expect(Object.keys(body.customers[0])).toEqual(expect.arrayContaining(['customer_id', 'score', 'flagged', 'reasons']));
  });

  it('answers 400 naming a bad parameter', async () => {
    const response = await app.request('/api/drift?as_of=2024-02-30');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^as_of: /);
    expect((await app.request('/api/worklist?limit=0')).status).toBe(400);
  });

  it('answers the worklist of interface.md, filtered by collector', async () => {
    const response = await app.request(`/api/worklist?as_of=${D}&collector=Bob`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      customer_id: 'C2',
      open_balance: 300,
      past_due_balance: 300,
      oldest_days_past_due: 60,
      drift_score: 0,
      next_action: 'director call'
    });
  });
});

describe('POST /api/activities', () => {
  it('logs a call, append-only, with who logged it; the worklist waits a day', async () => {
    const before = await (await app.request(`/api/worklist?as_of=${D}&collector=Ann`)).json();
    expect(before.items[0].next_action).toBe('call'); // I1 is 10 days past due

    const response = await post({
      customer_id: 'C1',
      activity_date: D,
      channel: 'call',
      invoice_id: 'I1',
      outcome: 'no answer',
      logged_by: 'ann'
    });
    expect(response.status).toBe(201);
    const logged = await response.json();
    expect(logged).toMatchObject({ customer_id: 'C1', activity_date: D, channel: 'call', logged_by: 'ann', outcome: 'no answer' });
    expect(logged.activity_id).toMatch(/^APP-/);
    expect(logged.logged_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const after = await (await app.request(`/api/worklist?as_of=${D}&collector=Ann`)).json();
    expect(after.items[0].next_action).toBe('wait');
    expect(after.items[0].next_action_on).toBe('2024-07-02');
  });

  it("logs 'anonymous' when nobody is named, and lists the customer's timeline newest first", async () => {
    await post({ customer_id: 'C2', activity_date: '2024-06-01', channel: 'email' });
    await post({ customer_id: 'C2', activity_date: '2024-06-15', channel: 'call', promised_date: '2024-06-20', promised_amount: 300 });
    const response = await app.request('/api/activities?customer_id=C2');
    const body = await response.json();
    expect(body.activities.map((a: { activity_date: string }) => a.activity_date)).toEqual(['2024-06-15', '2024-06-01']);
    expect(body.activities.every((a: { logged_by: string }) => a.logged_by === 'anonymous')).toBe(true);
    expect(body.activities[0].promised_amount).toBe(300);
  });

  it('rejects a bad body with 400 naming the field, and stores nothing', async () => {
    const cases = [
      [{ customer_id: 'C1', activity_date: '2024-13-01', channel: 'call' }, /^activity_date: /],
      [{ customer_id: 'C1', activity_date: D }, /^channel: /],
      [{ customer_id: 'C1', activity_date: D, channel: 'call', promised_date: '2024-06-01' }, /^promised_date: /],
      [{ customer_id: 'C1', activity_date: D, channel: 'call', promised_amount: -5, promised_date: D }, /^promised_amount: /],
      [{ customer_id: 'NOPE', activity_date: D, channel: 'call' }, /^customer_id: no customer NOPE/],
      [{ customer_id: 'C1', activity_date: D, channel: 'call', invoice_id: 'I2' }, /^invoice_id: /],
      [{ customer_id: 'C1', activity_date: D, channel: 'call', activity_id: 'X' }, /activity_id|Unrecognized/]
    ] as const;
    const [{ n: countBefore }] = await db.read<{ n: number }>('select count(*)::integer as n from activities');
    for (const [body, message] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(message);
    }
    const [{ n: countAfter }] = await db.read<{ n: number }>('select count(*)::integer as n from activities');
    expect(countAfter).toBe(countBefore);
  });
});
