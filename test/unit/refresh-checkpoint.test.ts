// A refresh's commit writes DuckDB's log (the WAL) only; the database file takes it at a checkpoint
// after the write (the server's checkpointPastBytes) or at the close. Committed figures must survive
// a crash before that checkpoint: the log is replayed at the next open.
// Hand-worked ledger: three invoices of 100.00, 50.00 and 25.00 (AR 175.00 at 2026-03-31), then a
// payment of 40.00 on the first (AR 175.00 − 40.00 = 135.00).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { loadFiles } from '../../server/loading.ts';
import { ensureModels, modelsUpToDate } from '../../server/models.ts';
import { kpis } from '../../server/queries/reports.ts';
import { allowedDirectories, lockDownFileAccess } from '../../server/security.ts';

let dir: string;
const walBytes = (path: string) => statSync(`${path}.wal`, { throwIfNoEntry: false })?.size ?? 0;
const arAt = async (db: Database) => (await kpis(db, { as_of: '2026-03-31', window: 90 })).ar;
const file = (name: string) => ({ path: join(dir, name), name });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refresh-checkpoint-'));
  writeFileSync(
    join(dir, 'invoices.csv'),
    [
      'invoice_id,customer_id,invoice_date,due_date,amount,currency',
      'INV1,C1,2026-01-10,2026-02-09,100.00,USD',
      'INV2,C1,2026-01-12,2026-02-11,50.00,USD',
      'INV3,C2,2026-01-15,2026-02-14,25.00,USD'
    ].join('\n') + '\n'
  );
  writeFileSync(join(dir, 'payments.csv'), 'payment_id,invoice_id,payment_date,amount\nP1,INV1,2026-03-01,40.00\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Opens a database whose every commit would checkpoint (threshold 1 KB): only a commit that skips
 * its checkpoint leaves a log behind.
 */
const open = (path: string, checkpointPastBytes?: number) =>
  Database.open(path, { settings: { checkpoint_threshold: '1KB' }, checkpointPastBytes });

describe("the refresh's commit and the checkpoint", () => {
  it('the commit leaves the log; the server checkpoints once the write has ended, and the figures are there', async () => {
    const path = join(dir, 'server.duckdb');
    const db = await open(path, 0);
    try {
      await db.write((connection) => ensureModels(connection));
      await db.idle();
      expect(walBytes(path)).toBe(0);
      // the write resolves before its checkpoint has run: the log is still there
      await loadFiles(db, [file('invoices.csv')]);
      expect(walBytes(path)).toBeGreaterThan(0);
      expect(await arAt(db)).toBe(175);
      await db.idle();
      expect(walBytes(path)).toBe(0);
      expect(db.lastCheckpoint?.bytes).toBeGreaterThan(0);
      expect(await arAt(db)).toBe(175);
    } finally {
      db.close();
    }
  }, 60_000);

  it('in the server, whose configuration is locked before it serves: the write refreshes the figures and the checkpoint follows', async () => {
    const path = join(dir, 'locked.duckdb');
    // as server/index.ts opens it, then locks it (lock_configuration refuses any later SET)
    const db = await Database.open(path, { checkpointPastBytes: 0 });
    try {
      await db.write((connection) => ensureModels(connection));
      await lockDownFileAccess(db, allowedDirectories(dir, dir));
      await db.idle();
      const result = await loadFiles(db, [file('invoices.csv')]);
      expect(result.rejected).toEqual([]);
      // the commit kept to the log (the threshold set at open), the figures are the new ones
      expect(walBytes(path)).toBeGreaterThan(0);
      expect(await arAt(db)).toBe(175);
      await db.idle();
      expect(walBytes(path)).toBe(0);
      await loadFiles(db, [file('payments.csv')]);
      expect(await arAt(db)).toBe(135);
    } finally {
      db.close();
    }
  }, 60_000);

  it('a process killed after the commit, before any checkpoint: the next open replays the log, figures and marker up to date', async () => {
    const path = join(dir, 'crash.duckdb');
    const db = await open(path);
    await db.write((connection) => ensureModels(connection));
    await loadFiles(db, [file('invoices.csv')]);
    db.close();
    expect(walBytes(path)).toBe(0);
    // a child loads the payment (its refresh commits the log only) and kills itself at once
    const script = `
      import { Database } from './server/db.ts';
      import { loadFiles } from './server/loading.ts';
      const db = await Database.open(${JSON.stringify(path)}, { settings: { checkpoint_threshold: '1KB' } });
      const result = await loadFiles(db, [{ path: ${JSON.stringify(join(dir, 'payments.csv'))}, name: 'payments.csv' }]);
      if (result.rejected.length) throw new Error(JSON.stringify(result.rejected));
      process.kill(process.pid, 'SIGKILL');`;
    let signal: string | null = null;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: resolve('.'), stdio: 'pipe' });
    } catch (error) {
      signal = (error as { signal: string | null }).signal;
    }
    expect(signal).toBe('SIGKILL');
    expect(walBytes(path)).toBeGreaterThan(0);
    const reopened = await open(path);
    try {
      expect(await reopened.write((connection) => modelsUpToDate(connection))).toBe(true);
      expect(await arAt(reopened)).toBe(135);
    } finally {
      reopened.close();
    }
  }, 120_000);
});
