// The audit trail: loads, undos, user changes and sign-ins, each with who, when and from where.
// Append-only: this module only inserts (no update or delete exists anywhere), the table is hidden
// from Explore (PRIVATE_TABLES), and it is read by admins only (GET /api/audit). It is written on
// a connection of its own, so a sign-in is recorded even while a long load holds the write path.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Context } from 'hono';
import { queryRows, type Database } from '../db.ts';
import { clientAddress } from '../auth/address.ts';
import type { Principal } from '../auth/roles.ts';
import type { AuditAction, AuditEntry } from '../contracts/audit.ts';

class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private ready: Promise<DuckDBConnection> | null = null;
  constructor(private readonly connect: () => Promise<DuckDBConnection>) {}

  /** The connection with the table in place; a failed attempt is tried again by the next entry. */
  private table(): Promise<DuckDBConnection> {
    this.ready ??= this.connect().then(async (connection) => {
      await connection.run(`create table if not exists audit_log (
        happened_at timestamp not null default current_timestamp,
        username varchar not null,
        role varchar,
        action varchar not null,
        detail varchar not null,
        address varchar not null
      )`);
      return connection;
    });
    this.ready.catch(() => (this.ready = null));
    return this.ready;
  }

  private serial<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => work(await this.table()));
    this.queue = result.catch(() => undefined);
    return result;
  }

  append(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    return this.serial(async (connection) => {
      await connection.run('insert into audit_log (username, role, action, detail, address) values ($1, $2, $3, $4, $5)', [
        entry.username,
        entry.role,
        entry.action,
        entry.detail,
        entry.address
      ]);
    });
  }

  list(limit: number): Promise<AuditEntry[]> {
    return this.serial((connection) =>
      queryRows<AuditEntry & Record<string, unknown>>(
        connection,
        `select strftime(happened_at, '%Y-%m-%dT%H:%M:%S') as "at", username, role, action, detail, address
         from audit_log order by happened_at desc, rowid desc limit ${Math.trunc(limit)}`
      )
    );
  }
}

const logs = new WeakMap<Database, AuditLog>();
function logOf(db: Database): AuditLog {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = new AuditLog(() => db.connect())));
  return log;
}

/**
 * One entry in the name of the request's signed-in user (or `username` when no one is signed in
 * yet: a sign-in). A failure to write the trail is logged, never turned into a failed request
 * after the change it describes has been made.
 */
export async function recordAudit(db: Database, c: Context, action: AuditAction, detail: string, username?: string): Promise<void> {
  const principal = c.get('principal') as Principal | undefined;
  const entry = {
    username: username ?? principal?.username ?? 'anonymous',
    role: username === undefined ? (principal?.role ?? null) : null,
    action,
    detail,
    address: clientAddress(c)
  };
  await logOf(db)
    .append(entry)
    .catch((error: unknown) => console.error(`audit trail: could not record ${action}: ${String(error)}`));
}

export function listAudit(db: Database, limit = 500): Promise<AuditEntry[]> {
  return logOf(db).list(limit);
}

export function loadDetail(loadIds: number[], files: string[], loaded: Record<string, number>): string {
  const rows = Object.entries(loaded)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  return `load ${loadIds.join(', ')} of ${files.join(', ')}: ${rows || 'no rows'}`;
}
