// A database file that cannot take a write (its write-ahead log cannot be opened: here a directory
// stands where DuckDB writes it, as a full or read-only disk would fail it): the write is refused with
// an error that says so, nothing of it is kept, reads go on, and once the disk is writable again
// the same request succeeds. And a load whose rows were saved but whose model rebuild then failed
// says exactly that, and the next start rebuilds the figures.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import { ensureModels } from '../../server/models.ts';
import { ledgerDatabase } from '../../support/databases.ts';

let dir: string;
let db: Database;
let app: ReturnType<typeof createApp>;
let wal: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-storage-'));
  const path = join(dir, 'radar.duckdb');
  wal = `${path}.wal`;
  db = await ledgerDatabase(
    {
      customers: [{ customer_id: 'C1', name: 'One Ltd', collector: 'Ann' }],
      invoices: [{ invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: '800.00' }]
    },
    path
  );
  // everything so far is in the database file, and DuckDB opens a new log for the next write
  await db.write((connection) => connection.run('checkpoint'));
  app = createApp({ db, uploadsDir: join(dir, 'uploads'), auth: 'disabled' });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = {
  customer_id: 'C1',
  invoice_id: 'I1',
  channel: 'call',
  activity_date: '2024-06-10',
  outcome: 'spoke_to_ap',
  logged_by: 'ann'
};
const post = () =>
  app.request('/api/activities', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call) });
const logged = async () => ((await (await app.request('/api/activities?customer_id=C1')).json()) as { activities: unknown[] }).activities;

describe('a write the disk refuses', () => {
  it('answers 503 naming the failed save, and keeps nothing of it', async () => {
    mkdirSync(wal);
    try {
      const answer = await post();
      expect(answer.status).toBe(503);
      const { error } = (await answer.json()) as { error: string };
      expect(error).toMatch(/^the database could not save this change, nothing of it was kept: .*Cannot open file .*radar\.duckdb\.wal/);
      expect(await logged()).toEqual([]);
      // reads are not affected
      expect((await app.request('/api/kpis?as_of=2024-06-30')).status).toBe(200);
    } finally {
      rmSync(wal, { recursive: true, force: true });
    }
  });

  it('refuses a file load the same way: no load recorded, the invoices as they were', async () => {
    const loadsBefore = await (await app.request('/api/loads')).json();
    mkdirSync(wal);
    try {
      const answer = await upload();
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { error: string }).error).toMatch(
        /^the database could not save this change, nothing of it was kept: /
      );
      expect(await (await app.request('/api/loads')).json()).toEqual(loadsBefore);
      expect(await openInvoices()).toEqual(['I1']);
    } finally {
      rmSync(wal, { recursive: true, force: true });
    }
  });

  it('takes the same writes once the disk takes them again', async () => {
    expect((await post()).status).toBe(201);
    expect(await logged()).toHaveLength(1);
    expect((await upload()).status).toBe(200);
    expect(await openInvoices()).toEqual(['I1', 'I2']);
  });
});

describe('a load saved whose figures could not be rebuilt', () => {
  it('answers 503 saying the rows are saved and the figures are not, and the next start rebuilds them', async () => {
    // the rebuild fails after the load's own transaction committed, as a disk filling up between the two would
    const setWriteStep = db.setWriteStep.bind(db);
    db.setWriteStep = (stage, step) => {
      if (stage === 'rebuilding') throw new Error('No space left on device (simulated)');
      setWriteStep(stage, step);
    };
    let answer: Response;
    try {
      answer = await upload('late.csv', 'I3,C1,2024-06-05,2024-07-05,70.00');
    } finally {
      db.setWriteStep = setWriteStep;
    }
    expect(answer.status).toBe(503);
    const { error } = (await answer.json()) as { error: string };
    expect(error).toMatch(
      /^late\.csv loaded \(load \d+\), but the figures could not be rebuilt \(No space left on device \(simulated\)\); they show the data before it until/
    );
    const loads = (await (await app.request('/api/loads')).json()) as { loads: { source_file: string }[] };
    expect(loads.loads[0]!.source_file).toBe('late.csv');
    // its file stays with the saved rows (Explore reads loaded files), as after a load that went through
    expect(readdirSync(join(dir, 'uploads'), { recursive: true }).some((f) => String(f).endsWith('late.csv'))).toBe(true);
    expect(await openInvoices()).toEqual(['I1', 'I2']);
    // what the server does at start
    expect(await db.write((connection) => ensureModels(connection))).toEqual({ rebuilt: true });
    expect(await openInvoices()).toEqual(['I1', 'I2', 'I3']);
  });
});

async function upload(name = 'more.csv', row = 'I2,C1,2024-06-01,2024-07-01,50.00'): Promise<Response> {
  const body = new FormData();
  body.append('files', new Blob([`invoice_id,customer_id,invoice_date,due_date,amount\n${row}\n`]), name);
  return await app.request('/api/uploads', { method: 'POST', body });
}

async function openInvoices(): Promise<string[]> {
  const report = (await (await app.request('/api/invoices?as_of=2024-06-30')).json()) as { invoices: { invoice_id: string }[] };
  return report.invoices.map((i) => i.invoice_id).sort();
}
