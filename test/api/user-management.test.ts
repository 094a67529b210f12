// Accounts through the API as the admin page uses them (session cookie + X-CSRF-Token) and through
// `cli users`: roles, a collector that must exist in the ledger, disable, reset, the last admin,
// and why a RADAR_ADMIN_PASSWORD on a database with users changes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AuthService } from '../../server/auth/service.ts';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { openSession, requestAs, signIn as signInTo, type Session } from '../helpers/sessions.ts';
import { TWO_CUSTOMERS } from '../helpers/two-customers.ts';

const ADMIN_PASSWORD = 'first-admin-password';
let db: Database;
let app: ReturnType<typeof createApp>;
let admin: Session;

const signIn = (username: string, password: string) => signInTo(app, username, password);
const session = (username: string, password: string) => openSession(app, username, password);

/** As the page sends it: the cookie and the CSRF token read from the radar_csrf cookie. */
async function call(who: Session, method: string, path: string, body?: unknown) {
  const response = await requestAs(app, who, method, path, body);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: string } };
}

beforeAll(async () => {
  db = await ledgerDatabase(TWO_CUSTOMERS);
  const auth = await AuthService.open(db, { adminPassword: ADMIN_PASSWORD, announce: () => undefined });
  app = createApp({ db, uploadsDir: '/tmp/radar-users-test-uploads', auth });
  admin = await session('admin', ADMIN_PASSWORD);
});

afterAll(() => db.close());

describe('user management API', () => {
  it('adds a user of each role on the first try with the session cookie and CSRF token, and lists them', async () => {
    for (const user of [
      { username: 'ann', password: 'ann-password-123', role: 'collector', collector: 'Ann' },
      { username: 'carl', password: 'carl-password-123', role: 'controller' },
      { username: 'ada', password: 'ada-password-1234', role: 'analyst' },
      { username: 'root2', password: 'root2-password-12', role: 'admin' }
    ]) {
      const added = await call(admin, 'POST', '/api/users', user);
      expect(added.status, user.username).toBe(201);
      expect(added.body).toMatchObject({ username: user.username, role: user.role, collector: user.collector ?? null, disabled: false });
    }
    const list = await call(admin, 'GET', '/api/users');
    expect((list.body.users as { username: string; role: string }[]).map((u) => `${u.username}:${u.role}`)).toEqual([
      'ada:analyst',
      'admin:admin',
      'ann:collector',
      'carl:controller',
      'root2:admin'
    ]);
    // a collector name given to another role is not kept
    const bill = await call(admin, 'POST', '/api/users', {
      username: 'bill',
      password: 'bill-password-123',
      role: 'controller',
      collector: 'Bob'
    });
    expect(bill.body.collector).toBeNull();
  });

  it('refuses a collector name the ledger does not hold, naming it (400), and a taken username (409)', async () => {
    const nobody = await call(admin, 'POST', '/api/users', {
      username: 'nina',
      password: 'nina-password-123',
      role: 'collector',
      collector: 'Nobody Such'
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error).toBe('collector: Nobody Such is not a collector in the ledger (collectors in the ledger: Ann, Bob)');
    expect((await call(admin, 'GET', '/api/users')).body.users).not.toContainEqual(expect.objectContaining({ username: 'nina' }));
    const missing = await call(admin, 'POST', '/api/users', { username: 'nina', password: 'nina-password-123', role: 'collector' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/^collector: /);
    const taken = await call(admin, 'POST', '/api/users', { username: 'ann', password: 'ann-password-123', role: 'analyst' });
    expect(taken.status).toBe(409);
    // changing a user to a collector checks the name the same way
    const change = await call(admin, 'PATCH', '/api/users/carl', { role: 'collector', collector: 'Nobody Such' });
    expect(change.status).toBe(400);
    expect(change.body.error).toMatch(/Nobody Such is not a collector/);
  });

  it("changes a role, which counts at the signed-in user's next request", async () => {
    const carl = await session('carl', 'carl-password-123');
    expect((await call(carl, 'GET', '/api/customers?as_of=2024-06-30')).body.customers).toHaveLength(2);
    const changed = await call(admin, 'PATCH', '/api/users/carl', { role: 'collector', collector: 'Bob' });
    expect(changed.body).toMatchObject({ username: 'carl', role: 'collector', collector: 'Bob' });
    const customers = (await call(carl, 'GET', '/api/customers?as_of=2024-06-30')).body.customers as { customer_id: string }[];
    expect(customers.map((c) => c.customer_id)).toEqual(['C2']);
    expect((await call(carl, 'GET', '/api/session')).body).toMatchObject({ role: 'collector', collector: 'Bob' });
  });

  it('disables a user: their session ends, they cannot sign in, and enabling lets them in again', async () => {
    const ada = await session('ada', 'ada-password-1234');
    const disabled = await call(admin, 'PATCH', '/api/users/ada', { disabled: true });
    expect(disabled.body).toMatchObject({ username: 'ada', disabled: true });
    expect((await call(ada, 'GET', '/api/kpis?as_of=2024-06-30')).status).toBe(401);
    expect((await signIn('ada', 'ada-password-1234')).status).toBe(401);
    expect((await call(admin, 'PATCH', '/api/users/ada', { disabled: false })).body.disabled).toBe(false);
    expect((await signIn('ada', 'ada-password-1234')).status).toBe(200);
  });

  it('resets a password: a generated one is answered once, a chosen one is not echoed; old sessions end', async () => {
    const ann = await session('ann', 'ann-password-123');
    const generated = await call(admin, 'POST', '/api/users/ann/password', {});
    expect(generated.body).toMatchObject({ username: 'ann', generated: true });
    expect(String(generated.body.password)).toMatch(/^[\w-]{24}$/);
    expect((await call(ann, 'GET', '/api/worklist')).status).toBe(401);
    expect((await signIn('ann', 'ann-password-123')).status).toBe(401);
    expect((await signIn('ann', String(generated.body.password))).status).toBe(200);
    const chosen = await call(admin, 'POST', '/api/users/ann/password', { password: 'ann-chosen-password' });
    expect(chosen.body).toEqual({ username: 'ann', generated: false });
    expect((await signIn('ann', 'ann-chosen-password')).status).toBe(200);
    expect((await call(admin, 'POST', '/api/users/ann/password', { password: 'short' })).status).toBe(400);
    expect((await call(admin, 'POST', '/api/users/nobody/password', {})).status).toBe(404);
  });

  it('keeps one active admin, refuses an admin disabling themselves, and is admin-only', async () => {
    expect((await call(admin, 'PATCH', '/api/users/admin', { disabled: true })).body.error).toBe(
      'disabled: you cannot disable your own account'
    );
    expect((await call(admin, 'PATCH', '/api/users/root2', { role: 'analyst' })).status).toBe(200);
    const last = await call(admin, 'PATCH', '/api/users/admin', { role: 'analyst' });
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('admin is the last active admin: add another admin first');
    const ada = await session('ada', 'ada-password-1234');
    expect((await call(ada, 'GET', '/api/users')).status).toBe(403);
    expect((await call(ada, 'PATCH', '/api/users/ada', { role: 'admin' })).status).toBe(403);
    expect((await call(admin, 'PATCH', '/api/users/ada', {})).status).toBe(400);
  });
});

describe('RADAR_ADMIN_PASSWORD on a database that has users', () => {
  it("says on start why it is not applied, and says nothing when it is the admin's password", async () => {
    const lines: string[] = [];
    await AuthService.open(db, { adminPassword: 'another-password-here', announce: (line) => lines.push(line) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^RADAR_ADMIN_PASSWORD is set but not applied: this database has users already/);
    expect(lines[0]).toMatch(/users reset-password admin/);
    lines.length = 0;
    await AuthService.open(db, { adminPassword: ADMIN_PASSWORD, announce: (line) => lines.push(line) });
    expect(lines).toEqual([]);
    // the old password still holds
    expect((await signIn('admin', ADMIN_PASSWORD)).status).toBe(200);
  });
});

// each CLI run starts a process (several seconds on a loaded machine)
describe('cli users', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'radar-cli-users-'));
  const path = join(dir, 'users.duckdb');
  const cli = (args: string[], input?: string) => {
    const result = spawnSync('node_modules/.bin/tsx', ['server/cli.ts', 'users', ...args, '--db', path], {
      encoding: 'utf8',
      input,
      env: { ...process.env, NO_COLOR: '1' }
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  beforeAll(async () => (await ledgerDatabase(TWO_CUSTOMERS, path)).close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds with a password from standard input (never printed), lists, disables and resets', async () => {
    const added = cli(['add', 'ann', '--role', 'collector', '--collector', 'Ann', '--password-stdin'], 'ann-secret-password\n');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toBe('added ann (collector, collector Ann)\n');
    const generated = cli(['add', 'carl', '--role', 'controller', '--json'], '');
    const carl = JSON.parse(generated.stdout);
    expect(carl).toMatchObject({ username: 'carl', role: 'controller', disabled: false });
    expect(carl.password).toMatch(/^[\w-]{24}$/);
    const listed = cli(['list']);
    expect(listed.stdout.split('\n')[0]).toMatch(/^username\s+role\s+collector\s+status\s+created$/);
    expect(listed.stdout).toMatch(/^ann\s+collector\s+Ann\s+active/m);
    expect(listed.stdout).not.toContain('ann-secret-password');
    expect(cli(['disable', 'ann']).stdout).toBe('ann is disabled: they can no longer sign in\n');
    expect(JSON.parse(cli(['list', '--json']).stdout).users.find((u: { username: string }) => u.username === 'ann').disabled).toBe(true);
    const reset = cli(['reset-password', 'carl']);
    expect(reset.stdout).toMatch(/^new password for carl: [\w-]{24} {2}\(shown once\)\n$/);
    const chosen = cli(['reset-password', 'carl', '--password-stdin'], 'carl-new-password-1\n');
    expect(chosen.stdout).toBe('password of carl changed\n');
  });

  it('refuses a collector the ledger does not hold and an unknown user (exit 1), a missing name (exit 2)', () => {
    const nobody = cli(['add', 'nina', '--role', 'collector', '--collector', 'Nobody Such'], '');
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toBe('error: collector: Nobody Such is not a collector in the ledger (collectors in the ledger: Ann, Bob)\n');
    expect(cli(['disable', 'nobody']).stderr).toBe('error: username: no user nobody\n');
    expect(cli(['disable']).status).toBe(2);
    expect(cli(['add', 'x', '--role', 'boss'], '').stderr).toMatch(/^error: --role: must be admin, controller, collector or analyst/);
  });

  it("sets passwords the server's sign-in takes, and a disabled user cannot sign in", async () => {
    const { Database } = await import('../../server/db.ts');
    const fileDb = await Database.open(path);
    const auth = await AuthService.open(fileDb, { announce: () => undefined });
    expect(await auth.signIn('carl', 'carl-new-password-1')).not.toBeNull();
    expect(await auth.signIn('ann', 'ann-secret-password')).toBeNull();
  });
});
