// A load of a row group or more (DuckDB's 122,880 rows) onto up-to-date models: a first load into a
// new database, as `ingest` and the server make one, and its undo. The refresh notes the keys the
// write touched in a temp table; in DuckDB 1.5.6 a temp table created and then filled by an INSERT of
// that size in one transaction could read back empty, and the figures then stayed those of the empty
// database (AR 0 after loading 130,000 invoices). server/refresh/touched.ts fills it in one statement.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { loadFiles } from '../../server/loading.ts';
import { ensureModels } from '../../server/models.ts';
import { kpis } from '../../server/queries/reports.ts';
import { undo } from '../../server/routes/loads.ts';

const INVOICES = 130_000;
let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refresh-large-load-'));
  // 130,000 invoices of 1.00 USD, dated 2026-01-10 and due 2026-02-09, 100 customers; no payments
  const lines = ['invoice_id,customer_id,invoice_date,due_date,amount,currency'];
  for (let i = 0; i < INVOICES; i++) lines.push(`INV${i},C${i % 100},2026-01-10,2026-02-09,1.00,USD`);
  writeFileSync(join(dir, 'invoices.csv'), lines.join('\n') + '\n');
  db = await Database.open(join(dir, 'radar.duckdb'));
  // as the CLI and the server open a database: the models are built (empty) and up to date
  await db.write((connection) => ensureModels(connection));
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const arAt = async (asOf: string) => {
  const report = await kpis(db, { as_of: asOf, window: 90 });
  return { ar: report.ar, current_ar: report.current_ar };
};
const ledgerInvoices = async () => Number((await db.read<{ n: string }>('select count(*) as n from ledger_invoices'))[0]!.n);

describe('a load of more than a row group onto up-to-date models', () => {
  let loadId: number;

  it('is in the figures: AR = 130,000 × 1.00, all of it current at 2026-01-31 (due 2026-02-09)', async () => {
    const result = await loadFiles(db, [{ path: join(dir, 'invoices.csv'), name: 'invoices.csv' }]);
    expect(result.rejected).toEqual([]);
    loadId = result.loadIds[0]!;
    expect(await ledgerInvoices()).toBe(INVOICES);
    expect(await arAt('2026-01-31')).toEqual({ ar: 130_000, current_ar: 130_000 });
  });

  it('undone, leaves the figures of the empty database again', async () => {
    await undo(db, loadId);
    expect(await ledgerInvoices()).toBe(0);
    expect((await arAt('2026-01-31')).ar).toBe(0);
  });
});
