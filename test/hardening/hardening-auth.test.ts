// Sign-in and roles through createApp().request(): everything under /api needs a session or the
// bearer token; cookies are httpOnly and SameSite; state changes with a cookie need the CSRF token
// (or a same-origin Origin); collectors see only their own customers; security headers are set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AuthService } from '../../server/auth/service.ts';
import { hashPassword, verifyPassword } from '../../server/auth/passwords.ts';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { openSession, requestAs, type Session } from '../helpers/sessions.ts';
import { TWO_CUSTOMERS } from '../helpers/two-customers.ts';

const TOKEN = 'automation-token-0123456789';
let db: Database;
let auth: AuthService;
let app: ReturnType<typeof createApp>;
let announced = '';

beforeAll(async () => {
  db = await ledgerDatabase(TWO_CUSTOMERS);
  auth = await AuthService.open(db, { apiToken: TOKEN, announce: (line) => (announced = line) });
  app = createApp({ db, uploadsDir: '/tmp/radar-auth-test-uploads', auth });
  const admin = announced.match(/password (\S+)/)![1];
  const adminSession = await signIn('admin', admin);
  for (const user of [
    { username: 'ann', password: 'ann-password-123', role: 'collector', collector: 'Ann' },
    { username: 'carl', password: 'carl-password-123', role: 'controller' },
    { username: 'ada', password: 'ada-password-1234', role: 'analyst' }
  ]) {
    const response = await call(adminSession, 'POST', '/api/users', user);
    expect(response.status).toBe(201);
  }
});

afterAll(() => db.close());

const signIn = (username: string, password: string) => openSession(app, username, password);
const call = (session: Session | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  requestAs(app, session, method, path, body, headers);

describe('signing in', () => {
  it('prints the first admin password once and stores only a scrypt hash', async () => {
    expect(announced).toMatch(/created user admin with password \S{20,}/);
    const [user] = await db.read<{ password_hash: string }>("select password_hash from users where username = 'admin'");
    expect(user.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(user.password_hash).not.toContain(announced.match(/password (\S+)/)![1]);
    // a per-user salt: the same password hashes differently twice
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
    expect(await verifyPassword('same', await hashPassword('same'))).toBe(true);
    expect(await verifyPassword('other', await hashPassword('same'))).toBe(false);
  });

  it('refuses every /api path without a session, except signing in and the OpenAPI document', async () => {
    for (const path of [
      '/api/kpis',
      '/api/aging',
      '/api/customers',
      '/api/worklist',
      '/api/explore/sources',
      '/api/session',
      '/api/users'
    ]) {
      expect((await app.request(path)).status, path).toBe(401);
    }
    expect((await app.request('/api/uploads', { method: 'POST' })).status).toBe(401);
    expect((await app.request('/api/openapi.json')).status).toBe(200);
  });

  it('sets an httpOnly SameSite session cookie and answers who is signed in', async () => {
    const response = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carl', password: 'carl-password-123' })
    });
    const [session, csrf] = response.headers.getSetCookie();
    expect(session).toMatch(/^radar_session=[\w-]{40,};/);
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(csrf).toMatch(/^radar_csrf=/);
    expect(csrf).not.toMatch(/HttpOnly/);
    const me = await call({ cookie: session.split(';')[0], csrf: '' }, 'GET', '/api/session');
    expect(await me.json()).toMatchObject({ username: 'carl', role: 'controller', collector: null });
  });

  it('refuses a wrong password and a made-up token, and signs out for good', async () => {
    const wrong = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carl', password: 'nope' })
    });
    expect(wrong.status).toBe(401);
    expect((await call({ cookie: 'radar_session=made-up', csrf: '' }, 'GET', '/api/kpis')).status).toBe(401);
    const session = await signIn('carl', 'carl-password-123');
    expect((await call(session, 'GET', '/api/kpis?as_of=2024-06-30')).status).toBe(200);
    expect((await call(session, 'DELETE', '/api/session')).status).toBe(200);
    expect((await call(session, 'GET', '/api/kpis?as_of=2024-06-30')).status).toBe(401);
  });

  it('locks a username out after ten wrong passwords', async () => {
    for (let i = 0; i < 10; i++) {
      await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'x' })
      });
    }
    const locked = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'x' })
    });
    expect(locked.status).toBe(429);
  });

  it('lets the RADAR_API_TOKEN bearer in as an admin, without CSRF, and refuses a wrong one', async () => {
    expect((await app.request('/api/users', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await app.request('/api/users', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state change with the session cookie but neither the token nor a same-origin Origin', async () => {
    const session = await signIn('carl', 'carl-password-123');
    const activity = { customer_id: 'C1', activity_date: '2024-06-30', channel: 'call', logged_by: 'carl' };
    const bare = await app.request('/api/activities', {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(activity)
    });
    expect(bare.status).toBe(403);
    const forged = await app.request('/api/activities', {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'text/plain', origin: 'https://evil.example', 'x-csrf-token': 'guess' },
      body: JSON.stringify(activity)
    });
    expect(forged.status).toBe(403);
    const crossSite = await app.request('http://radar.local/api/activities', {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/json', origin: 'https://evil.example', host: 'radar.local' },
      body: JSON.stringify(activity)
    });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await app.request('http://radar.local/api/session', {
      method: 'DELETE',
      headers: { cookie: session.cookie, origin: 'http://radar.local', host: 'radar.local' }
    });
    expect(sameOrigin.status).toBe(200);
  });
});

describe('roles', () => {
  it('lets analysts explore and upload but not manage users; controllers read and upload but not explore', async () => {
    const ada = await signIn('ada', 'ada-password-1234');
    const carl = await signIn('carl', 'carl-password-123');
    expect((await call(ada, 'POST', '/api/explore/query', { sql: 'select 1' })).status).toBe(200);
    expect((await call(ada, 'POST', '/api/users', { username: 'x', password: 'x-password-123', role: 'admin' })).status).toBe(403);
    expect((await call(carl, 'POST', '/api/explore/query', { sql: 'select 1' })).status).toBe(403);
    expect((await call(carl, 'GET', '/api/customers?as_of=2024-06-30')).status).toBe(200);
    // both may reach the upload endpoint (400 here: no multipart body), a collector may not
    expect((await call(ada, 'POST', '/api/uploads', {})).status).toBe(400);
    expect((await call(carl, 'POST', '/api/uploads', {})).status).toBe(400);
    const ann = await signIn('ann', 'ann-password-123');
    expect((await call(ann, 'POST', '/api/uploads', {})).status).toBe(403);
    expect((await call(ann, 'POST', '/api/explore/query', { sql: 'select 1' })).status).toBe(403);
  });

  it('shows a collector only their own customers', async () => {
    const ann = await signIn('ann', 'ann-password-123');
    const worklist = (await (await call(ann, 'GET', '/api/worklist?as_of=2024-06-30')).json()) as { items: { customer_id: string }[] };
    expect(worklist.items.map((c) => c.customer_id)).toEqual(['C1']);
    expect((await call(ann, 'GET', '/api/worklist?as_of=2024-06-30&collector=Bob')).status).toBe(403);
    const customers = (await (await call(ann, 'GET', '/api/customers?as_of=2024-06-30')).json()) as {
      customers: { customer_id: string }[];
    };
    expect(customers.customers.map((c) => c.customer_id)).toEqual(['C1']);
    const invoices = (await (await call(ann, 'GET', '/api/invoices?as_of=2024-06-30')).json()) as { invoices: { customer_id: string }[] };
    expect(new Set(invoices.invoices.map((i) => i.customer_id))).toEqual(new Set(['C1']));
    expect((await call(ann, 'GET', '/api/customers/C1?as_of=2024-06-30')).status).toBe(200);
    expect((await call(ann, 'GET', '/api/customers/C2?as_of=2024-06-30')).status).toBe(403);
    expect((await call(ann, 'GET', '/api/customers/NOPE?as_of=2024-06-30')).status).toBe(403);
    expect((await call(ann, 'GET', '/api/activities?customer_id=C2')).status).toBe(403);
    expect((await call(ann, 'POST', '/api/activities', { customer_id: 'C2', activity_date: '2024-06-30', channel: 'call' })).status).toBe(
      403
    );
    expect((await call(ann, 'GET', '/api/drift?as_of=2024-06-30')).status).toBe(403);
  });
});

describe('headers', () => {
  it('sends security headers and no-store on /api', async () => {
    const response = await app.request('/api/openapi.json');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('who logged an activity', () => {
  it('is the signed-in user, whatever the body says', async () => {
    const ann = await signIn('ann', 'ann-password-123');
    const response = await call(ann, 'POST', '/api/activities', {
      customer_id: 'C1',
      activity_date: '2024-06-30',
      channel: 'call',
      logged_by: 'carl'
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { logged_by: string }).logged_by).toBe('ann');
  });
});
