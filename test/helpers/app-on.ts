// The app on a database of its own, opened before the tests of the file (or of the describe block)
// that calls appOn or signedInAppOn, closed after them. Tests read `.db`, `.app` or `.get(...)`.
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AuthService } from '../../server/auth/service.ts';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase, type LedgerRows } from '../../support/databases.ts';
import { openSession, requestAs, type Session } from './sessions.ts';

export interface AppOn {
  db: Database;
  app: ReturnType<typeof createApp>;
  /** GET `path`: the status and the parsed JSON body. */
  get(path: string): Promise<{ status: number; body: any }>;
}

export function appOn(open: () => Promise<Database>): AppOn {
  const on: AppOn = {
    db: undefined as unknown as Database,
    app: undefined as unknown as ReturnType<typeof createApp>,
    async get(path) {
      const response = await on.app.request(path);
      return { status: response.status, body: await response.json() };
    }
  };
  beforeAll(async () => {
    on.db = await open();
    on.app = createApp({ db: on.db, auth: 'disabled' });
  });
  afterAll(() => on.db.close());
  return on;
}

export type BookUser = 'admin' | 'ann' | 'carl';

export interface SignedInAppOn extends Omit<AppOn, 'get'> {
  /** GET `path` as `user` (their session's cookie and CSRF token): the status and the parsed JSON body. */
  get(user: BookUser, path: string): Promise<{ status: number; body: any }>;
}

/**
 * The app with sign-in on a database of `rows`, with three users signed in: admin, ann (the collector
 * of Ann's book) and carl (a controller). Opened before the tests of the file, closed after them.
 */
export function signedInAppOn(rows: LedgerRows, uploadsDir: string): SignedInAppOn {
  const sessions = {} as Record<BookUser, Session>;
  const on: SignedInAppOn = {
    db: undefined as unknown as Database,
    app: undefined as unknown as ReturnType<typeof createApp>,
    async get(user, path) {
      const response = await requestAs(on.app, sessions[user], 'GET', path);
      return { status: response.status, body: await response.json() };
    }
  };
  beforeAll(async () => {
    on.db = await ledgerDatabase(rows);
    const auth = await AuthService.open(on.db, { adminPassword: 'admin-password-12', announce: () => undefined });
    on.app = createApp({ db: on.db, uploadsDir, auth });
    await auth.users.create({ username: 'ann', password: 'ann-password-123', role: 'collector', collector: 'Ann' });
    await auth.users.create({ username: 'carl', password: 'carl-password-123', role: 'controller' });
    sessions.admin = await openSession(on.app, 'admin', 'admin-password-12');
    sessions.ann = await openSession(on.app, 'ann', 'ann-password-123');
    sessions.carl = await openSession(on.app, 'carl', 'carl-password-123');
  });
  afterAll(() => on.db.close());
  return on;
}
