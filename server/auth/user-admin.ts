// Managing accounts (admin page, POST/PATCH /api/users, `cli users`): add, change role or collector,
// disable, reset a password. Kept apart from signing in (service.ts): it shares only the store.
import { queryRows, type Row } from '../db.ts';
import type { Reader } from '../queries/reader.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import type { AuthStore } from './store.ts';

export interface UserSummary {
  username: string;
  role: Role;
  collector: string | null;
  disabled: boolean;
  created_at: string;
}

/** A refused change, with the HTTP status it answers (the CLI exits 1 with the same words). */
export class UserChangeRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string
  ) {
    super(message);
  }
}

const SUMMARY = `select username, role, collector, d.username is not null as disabled,
  strftime(created_at, '%Y-%m-%d %H:%M:%S') as created_at from users left join disabled_users as d using (username)`;

export class UserAdmin {
  constructor(
    private readonly store: AuthStore,
    private readonly ledger: Reader,
    /** drops the signed-in sessions' cached role of this user, so a change counts at the next request */
    private readonly forget: (username: string) => void
  ) {}

  private query<T extends Row>(sql: string, params: (string | null)[] = []): Promise<T[]> {
    return this.store.serial(() => queryRows<T>(this.store.connection, sql, params));
  }

  list(): Promise<UserSummary[]> {
    return this.query<UserSummary & Row>(`${SUMMARY} order by username`);
  }

  async get(username: string): Promise<UserSummary | undefined> {
    return (await this.query<UserSummary & Row>(`${SUMMARY} where users.username = $1`, [username]))[0];
  }

  async create(user: { username: string; password: string; role: Role; collector?: string | null }): Promise<UserSummary> {
    if (await this.get(user.username)) throw new UserChangeRefused(409, `username: ${user.username} exists already`);
    const collector = user.role === 'collector' ? await this.knownCollector(user.collector ?? null) : null;
    const hash = await hashPassword(user.password);
    await this.store.serial(() =>
      this.store.connection.run('insert into users (username, role, collector, password_hash) values ($1, $2, $3, $4)', [
        user.username,
        user.role,
        collector,
        hash
      ])
    );
    return (await this.get(user.username))!;
  }

  /** Role, collector or disabled; `by` is the admin making the change (they cannot disable or demote themselves out). */
  async update(
    username: string,
    changes: { role?: Role; collector?: string | null; disabled?: boolean },
    by?: string
  ): Promise<UserSummary> {
    const current = await this.get(username);
    if (!current) throw new UserChangeRefused(404, `username: no user ${username}`);
    const role = changes.role ?? current.role;
    const collector =
      role === 'collector' ? await this.knownCollector(changes.collector !== undefined ? changes.collector : current.collector) : null;
    const disabled = changes.disabled ?? current.disabled;
    if (by === username && disabled && !current.disabled) throw new UserChangeRefused(400, 'disabled: you cannot disable your own account');
    if (current.role === 'admin' && !current.disabled && (role !== 'admin' || disabled) && (await this.activeAdmins()) <= 1) {
      throw new UserChangeRefused(409, `${username} is the last active admin: add another admin first`);
    }
    await this.query('update users set role = $2, collector = $3 where username = $1', [username, role, collector]);
    if (disabled && !current.disabled) await this.query('insert into disabled_users values ($1, current_timestamp)', [username]);
    if (!disabled) await this.query('delete from disabled_users where username = $1', [username]);
    // a disabled user's sessions end now; a changed role counts from the next request
    if (disabled) await this.query('delete from sessions where username = $1', [username]);
    this.forget(username);
    return (await this.get(username))!;
  }

  /** Sets the given password, or a generated one that is returned once. Every session of the user ends. */
  async resetPassword(username: string, password?: string): Promise<{ username: string; password: string; generated: boolean }> {
    if (!(await this.get(username))) throw new UserChangeRefused(404, `username: no user ${username}`);
    const chosen = password ?? generatePassword();
    if (chosen.length < 12) throw new UserChangeRefused(400, 'password: must be at least 12 characters');
    const hash = await hashPassword(chosen);
    await this.query('update users set password_hash = $2 where username = $1', [username, hash]);
    await this.query('delete from sessions where username = $1', [username]);
    this.forget(username);
    return { username, password: chosen, generated: password === undefined };
  }

  /** The collector names the ledger's customers carry (what a collector account may be tied to). */
  async collectors(): Promise<string[]> {
    const rows = await this.ledger.read<{ v: string }>(
      'select distinct collector as v from stg_customers where collector is not null order by v'
    );
    return rows.map((row) => row.v);
  }

  private async knownCollector(name: string | null): Promise<string> {
    if (!name) throw new UserChangeRefused(400, 'collector: a collector needs the collector name their customers carry');
    const known = await this.collectors();
    if (known.includes(name)) return name;
    const list = known.length
      ? `collectors in the ledger: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`
      : 'the ledger names no collector yet';
    throw new UserChangeRefused(400, `collector: ${name} is not a collector in the ledger (${list})`);
  }

  private async activeAdmins(): Promise<number> {
    const [row] = await this.query<{ n: string }>(
      "select count(*) as n from users where role = 'admin' and username not in (select username from disabled_users)"
    );
    return Number(row.n);
  }
}
