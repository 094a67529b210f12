// Sign-in for the API: users with roles, session tokens, the automation bearer token, and the
// first admin created on first start.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db.ts';
import { DUMMY_HASH, generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import type { Principal, Role } from './roles.ts';
import { AuthStore, newToken, tokenHash, type SessionRow } from './store.ts';
import { UserAdmin } from './user-admin.ts';
import { SignInLimits } from './sign-in-limits.ts';

export interface AuthOptions {
  /** RADAR_API_TOKEN: an admin token for automation, sent as `Authorization: Bearer TOKEN` */
  apiToken?: string;
  /** RADAR_ADMIN_PASSWORD: the first admin's password; generated and printed once when absent */
  adminPassword?: string;
  sessionHours?: number;
  /** where the generated admin password is told (stderr at start) */
  announce?: (line: string) => void;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: number;
  principal: Principal;
}

export class AuthService {
  private readonly sessions = new Map<string, SessionRow>();
  /** adding, changing and disabling accounts (user-admin.ts) */
  readonly users: UserAdmin;
  /** guessing limits of POST /api/session (sign-in-limits.ts) */
  readonly limits = new SignInLimits();
  private constructor(
    private readonly store: AuthStore,
    private readonly apiTokenHash: Buffer | null,
    private readonly sessionMs: number,
    ledger: Database
  ) {
    this.users = new UserAdmin(store, ledger, (username) => this.forgetSessionsOf(username));
  }

  static async open(db: Database, options: AuthOptions = {}): Promise<AuthService> {
    const store = new AuthStore(await db.connect());
    await store.ensureTables();
    const token = options.apiToken?.trim();
    const service = new AuthService(store, token ? sha256(token) : null, (options.sessionHours ?? 12) * 3600 * 1000, db);
    const announce = options.announce ?? ((line) => process.stderr.write(line + '\n'));
    if ((await store.countUsers()) > 0) {
      if (options.adminPassword) {
        const reason = await adminPasswordIgnored(store, options.adminPassword);
        if (reason) announce(reason);
      }
    } else {
      const password = options.adminPassword || generatePassword();
      await service.createUser({ username: 'admin', password, role: 'admin' });
      if (!options.adminPassword) {
        announce(`created user admin with password ${password} (shown once; set RADAR_ADMIN_PASSWORD on first start to choose it)`);
      }
    }
    return service;
  }

  async createUser(user: { username: string; password: string; role: Role; collector?: string | null }): Promise<void> {
    await this.store.insertUser({
      username: user.username,
      role: user.role,
      collector: user.role === 'collector' ? (user.collector ?? null) : null,
      password_hash: await hashPassword(user.password)
    });
  }

  async signIn(username: string, password: string): Promise<SignedIn | null> {
    const user = await this.store.findUser(username);
    // verify against a dummy hash when there is no such user, so the answer takes as long
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) return null;
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = Date.now() + this.sessionMs;
    await this.store.insertSession(tokenHash(token), user.username, csrfToken, expiresAt);
    return {
      token,
      csrfToken,
      expiresAt,
      principal: { username: user.username, role: user.role, collector: user.collector, via: 'session' }
    };
  }

  async session(token: string): Promise<(SessionRow & { hash: string }) | null> {
    const hash = tokenHash(token);
    let row = this.sessions.get(hash);
    if (!row) {
      row = await this.store.findSession(hash);
      if (row) this.sessions.set(hash, row);
    }
    if (!row || row.expires_at <= Date.now()) {
      this.sessions.delete(hash);
      return null;
    }
    return { ...row, hash };
  }

  async signOut(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.sessions.delete(hash);
    await this.store.deleteSession(hash);
  }

  /** Cached sessions of a user are read again from the store (role changed, disabled, password reset). */
  private forgetSessionsOf(username: string): void {
    for (const [hash, row] of this.sessions) if (row.username === username) this.sessions.delete(hash);
  }

  bearer(token: string): Principal | null {
    if (!this.apiTokenHash) return null;
    return timingSafeEqual(sha256(token), this.apiTokenHash)
      ? { username: 'api-token', role: 'admin', collector: null, via: 'token' }
      : null;
  }
}

/** Why RADAR_ADMIN_PASSWORD, set on a database that has users already, changes nothing (null: it is admin's password). */
async function adminPasswordIgnored(store: AuthStore, password: string): Promise<string | null> {
  const admin = await store.findUser('admin');
  if (admin && (await verifyPassword(password, admin.password_hash))) return null;
  return (
    "RADAR_ADMIN_PASSWORD is set but not applied: this database has users already, and it only sets the first admin's password " +
    `on an empty one${admin ? " (admin's password is another one)" : ' (there is no active user admin)'}. ` +
    'To change a password: the Users page, or with the server stopped: npm run cli -- users reset-password admin'
  );
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
