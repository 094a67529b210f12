// The audit trail and the rules around it (issue 14 #8, #11): loads, undos, user changes and
// sign-ins with who, when and from where, admin only, append-only and out of Explore's reach; a
// collector's activity is always in their own name; an undone load's file leaves Explore.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AuthService } from '../../server/auth/service.ts';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { requestAs, signIn as signInTo, type Session } from '../helpers/sessions.ts';
import { oneInvoiceUpload } from '../helpers/upload-form.ts';

let dir = '';
let db: Database;
let app: ReturnType<typeof createApp>;
const sessions: Record<string, Session> = {};
const ADDRESS = { incoming: { socket: { remoteAddress: '10.1.2.3' } } };

async function signIn(username: string, password: string) {
  const { status, session } = await signInTo(app, username, password, ADDRESS);
  if (session) sessions[username] = session;
  return status;
}
const as = (username: string, method: string, path: string, body?: unknown) =>
  requestAs(app, sessions[username]!, method, path, body, {}, ADDRESS);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-audit-'));
  db = await ledgerDatabase({
    customers: [
      { customer_id: 'C1', name: 'One Ltd', collector: 'Ann' },
      { customer_id: 'C2', name: 'Two Ltd', collector: 'Bob' }
    ],
    invoices: [{ invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-06-20', amount: '800.00' }]
  });
  const auth = await AuthService.open(db, { adminPassword: 'admin-password-1234', announce: () => undefined });
  app = createApp({ db, uploadsDir: join(dir, 'uploads'), auth });
  expect(await signIn('admin', 'admin-password-1234')).toBe(200);
  for (const user of [
    { username: 'ada', password: 'ada-password-1234', role: 'analyst' },
    { username: 'ann', password: 'ann-password-1234', role: 'collector', collector: 'Ann' }
  ])
    expect((await as('admin', 'POST', '/api/users', user)).status).toBe(201);
  expect(await signIn('ada', 'ada-password-1234')).toBe(200);
  expect(await signIn('ann', 'ann-password-1234')).toBe(200);
  expect(await signIn('ann', 'not-her-password')).toBe(401);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit trail', () => {
  it('records a load and its undo in the names of who did them, and the undone file leaves Explore', async () => {
    const form = new FormData();
    form.append(
      'files',
      new Blob(['invoice_id,customer_id,invoice_date,due_date,amount\nI9,C1,2024-06-01,2024-07-01,120.00\n']),
      'june.csv'
    );
    form.append('as', 'invoices');
    expect((await as('ada', 'POST', '/api/uploads', form)).status).toBe(200);
    const [{ load_id }] = await db.read<{ load_id: number }>('select max(load_id)::integer as load_id from loads');
    const sources = async () =>
      ((await (await as('admin', 'GET', '/api/explore/sources')).json()) as { uploads: { file: string; query_path: string }[] }).uploads;
    const [upload] = (await sources()).filter((u) => u.file.endsWith('june.csv'));
    expect(upload).toBeDefined();
    const read = await as('ada', 'POST', '/api/explore/query', { sql: `select count(*) from read_csv('${upload!.query_path}')` });
    expect(read.status).toBe(200);

    expect((await as('admin', 'POST', `/api/loads/${load_id}/undo`)).status).toBe(200);
    expect((await sources()).filter((u) => u.file.endsWith('june.csv'))).toEqual([]);
    expect(existsSync(upload!.query_path)).toBe(false);
    expect((await as('ada', 'POST', '/api/explore/query', { sql: `select count(*) from read_csv('${upload!.query_path}')` })).status).toBe(
      400
    );

    const { entries } = (await (await as('admin', 'GET', '/api/audit')).json()) as {
      entries: { username: string; role: string | null; action: string; detail: string; address: string; at: string }[];
    };
    const find = (action: string, username: string) => entries.find((e) => e.action === action && e.username === username);
    expect(find('load', 'ada')).toMatchObject({ role: 'analyst', detail: `load ${load_id} of june.csv: 1 invoices`, address: '10.1.2.3' });
    expect(find('undo', 'admin')).toMatchObject({
      role: 'admin',
      detail: `load ${load_id} undone: 1 invoices removed; file june.csv deleted`
    });
    expect(entries.find((e) => e.detail === 'user ada created as analyst')).toMatchObject({
      action: 'user-created',
      username: 'admin',
      role: 'admin'
    });
    expect(entries.find((e) => e.detail === 'user ann created as collector (collector Ann)')).toBeDefined();
    expect(find('sign-in', 'ann')).toMatchObject({ detail: 'signed in as collector', address: '10.1.2.3' });
    expect(find('sign-in-failed', 'ann')).toMatchObject({ detail: 'wrong username or password', address: '10.1.2.3' });
    expect(find('load', 'ada')!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('is for admins only, and out of Explore', async () => {
    expect((await as('ada', 'GET', '/api/audit')).status).toBe(403);
    expect((await as('ann', 'GET', '/api/audit')).status).toBe(403);
    for (const sql of ['select * from audit_log', 'select * from main.audit_log', 'with a as (select 1) select * from audit_log']) {
      expect((await as('ada', 'POST', '/api/explore/query', { sql })).status, sql).toBe(400);
    }
    const sources = (await (await as('admin', 'GET', '/api/explore/sources')).json()) as { models: { name: string }[] };
    expect(sources.models.map((m) => m.name)).not.toContain('audit_log');
  });
});

describe('who may undo a load (issue 14 #11)', () => {
  const upload = async (username: string, file: string) => {
    const response = await as(username, 'POST', '/api/uploads', oneInvoiceUpload(file, 'C1', '50.00'));
    expect(response.status).toBe(200);
    const [{ load_id }] = await db.read<{ load_id: number }>('select max(load_id)::integer as load_id from loads');
    return load_id;
  };
  const loadsSeenBy = async (username: string) =>
    (
      (await (await as(username, 'GET', '/api/loads')).json()) as {
        loads: { load_id: number; loaded_by: string | null; may_undo: boolean }[];
      }
    ).loads;
  const invoices = async () => Number((await db.read<{ n: number }>('select count(*)::integer as n from invoices'))[0].n);

  it("refuses an analyst undoing an admin's load, naming who loaded it, and changes nothing", async () => {
    const adminsLoad = await upload('admin', 'admin-july');
    const before = await invoices();
    const started = performance.now();
    const refused = await as('ada', 'POST', `/api/loads/${adminsLoad}/undo`);
    expect(refused.status).toBe(403);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await refused.json()).toEqual({
      error: `load ${adminsLoad} was loaded by admin: only an admin or whoever loaded it may undo it`
    });
    expect(await invoices()).toBe(before);
    const [row] = await db.read<{ undone: boolean }>('select undone_at is not null as undone from loads where load_id = $1', [adminsLoad]);
    expect(row.undone).toBe(false);
    // the page is told: no Undo for ada on the admin's load, one for the admin
    expect((await loadsSeenBy('ada')).find((l) => l.load_id === adminsLoad)).toMatchObject({ loaded_by: 'admin', may_undo: false });
    expect((await loadsSeenBy('admin')).find((l) => l.load_id === adminsLoad)).toMatchObject({ loaded_by: 'admin', may_undo: true });
    expect((await as('admin', 'POST', `/api/loads/${adminsLoad}/undo`)).status).toBe(200);
    expect(await invoices()).toBe(before - 1);
  });

  it('lets an analyst undo their own load, and only an admin undo one with no uploader (CLI, demo)', async () => {
    const own = await upload('ada', 'ada-august');
    expect((await loadsSeenBy('ada')).find((l) => l.load_id === own)).toMatchObject({ loaded_by: 'ada', may_undo: true });
    expect((await as('ada', 'POST', `/api/loads/${own}/undo`)).status).toBe(200);
    // undone: no Undo for anyone any more
    expect((await loadsSeenBy('admin')).find((l) => l.load_id === own)).toMatchObject({ may_undo: false });

    // the ledger of beforeAll was loaded without a signed-in user
    const [{ first }] = await db.read<{ first: number }>('select min(load_id)::integer as first from loads');
    expect((await loadsSeenBy('ada')).find((l) => l.load_id === first)).toMatchObject({ loaded_by: null, may_undo: false });
    const refused = await as('ada', 'POST', `/api/loads/${first}/undo`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe(
      `load ${first} was loaded from the command line or the demo seed, by no signed-in user: only an admin or whoever loaded it may undo it`
    );
    // a collector may not undo at all; an unknown load is 404 for those who may
    expect((await as('ann', 'POST', `/api/loads/${own}/undo`)).status).toBe(403);
    expect((await as('ada', 'POST', '/api/loads/9999/undo')).status).toBe(404);
  });
});

describe("a collector's activity", () => {
  it('is in their own name: naming another collector is refused, leaving it out gives their own', async () => {
    const refused = await as('ann', 'POST', '/api/activities', {
      customer_id: 'C1',
      activity_date: '2024-07-01',
      channel: 'call',
      collector: 'Bob',
      logged_by: 'bob'
    });
    expect(refused.status).toBe(403);
    const logged = await as('ann', 'POST', '/api/activities', {
      customer_id: 'C1',
      activity_date: '2024-07-02',
      channel: 'call',
      logged_by: 'bob'
    });
    expect(logged.status).toBe(201);
    expect(await logged.json()).toMatchObject({ collector: 'Ann', logged_by: 'ann' });
  });
});
