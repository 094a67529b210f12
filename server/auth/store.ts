// Users and sessions in DuckDB, on a connection of their own so a sign-in never waits behind a
// long load on the write path. Sessions are kept by the SHA-256 of their token: the database never
// holds a token that would let someone in.
import { createHash, randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import type { Role } from './roles.ts';

export interface UserRow {
  username: string;
  role: Role;
  collector: string | null;
  password_hash: string;
}

export interface SessionRow {
  username: string;
  role: Role;
  collector: string | null;
  csrf_token: string;
  expires_at: number;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export class AuthStore {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(readonly connection: DuckDBConnection) {}

  /** One statement at a time on this connection (user-admin.ts queues its statements here too). */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async ensureTables(): Promise<void> {
    await this.serial(async () => {
      await this.connection.run(`create table if not exists users (
        username varchar primary key,
        role varchar not null check (role in ('admin', 'controller', 'collector', 'analyst')),
        collector varchar,
        password_hash varchar not null,
        created_at timestamp not null default current_timestamp
      )`);
      // a disabled user keeps their row (activities name them) but can no longer sign in. A table of
      // its own rather than a column added to users: DuckDB 1.5 cannot replay an ALTER TABLE ... ADD
      // COLUMN from the WAL on a table with a current_timestamp default (the database would not open).
      await this.connection.run(`create table if not exists disabled_users (
        username varchar primary key,
        disabled_at timestamp not null
      )`);
      await this.connection.run(`create table if not exists sessions (
        token_hash varchar primary key,
        username varchar not null,
        csrf_token varchar not null,
        created_at timestamp not null default current_timestamp,
        expires_at bigint not null -- epoch milliseconds
      )`);
      await this.connection.run('delete from sessions where expires_at < $1', [BigInt(Date.now())]);
    });
  }

  countUsers(): Promise<number> {
    return this.serial(async () => Number((await queryRows<{ n: string }>(this.connection, 'select count(*) as n from users'))[0].n));
  }

  /** A user who may sign in (not disabled). */
  findUser(username: string): Promise<UserRow | undefined> {
    return this.serial(
      async () =>
        (
          await queryRows<UserRow & Record<string, unknown>>(
            this.connection,
            'select * from users where username = $1 and username not in (select username from disabled_users)',
            [username]
          )
        )[0]
    );
  }

  insertUser(user: UserRow): Promise<void> {
    return this.serial(async () => {
      await this.connection.run('insert into users (username, role, collector, password_hash) values ($1, $2, $3, $4)', [
        user.username,
        user.role,
        user.collector,
        user.password_hash
      ]);
    });
  }

  insertSession(hash: string, username: string, csrf: string, expiresAt: number): Promise<void> {
    return this.serial(async () => {
      await this.connection.run('insert into sessions (token_hash, username, csrf_token, expires_at) values ($1, $2, $3, $4)', [
        hash,
        username,
        csrf,
        BigInt(expiresAt)
      ]);
    });
  }

  findSession(hash: string): Promise<SessionRow | undefined> {
    return this.serial(async () => {
      const [row] = await queryRows<Record<string, unknown>>(
        this.connection,
        `select u.username, u.role, u.collector, s.csrf_token, s.expires_at
         from sessions as s join users as u using (username)
         where s.token_hash = $1 and s.expires_at > $2 and u.username not in (select username from disabled_users)`,
        [hash, BigInt(Date.now())]
      );
      return row ? ({ ...row, expires_at: Number(row.expires_at) } as unknown as SessionRow) : undefined;
    });
  }

  deleteSession(hash: string): Promise<void> {
    return this.serial(async () => {
      await this.connection.run('delete from sessions where token_hash = $1', [hash]);
    });
  }
}
