// First start: an empty database gets the generated demo ledger, so the dashboard opens on real figures.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateLedger } from '../data/generator/index.ts';
import type { Database } from './db.ts';
import { loadFiles, markDemoLoads } from './loading.ts';

// fx_rates: the demo bills in USD, EUR and GBP; with its rates every report converts at once
const DEMO_TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates'] as const;

export async function isEmpty(db: Database): Promise<boolean> {
  const [{ loads }] = await db.read<{ loads: string }>('select count(*) as loads from loads');
  return Number(loads) === 0;
}

export async function seedDemoLedger(db: Database): Promise<{ invoices: number }> {
  const dir = join(tmpdir(), `radar-demo-${process.pid}-${Date.now()}`);
  try {
    const ledger = await generateLedger({ out: dir });
    const files = DEMO_TABLES.map((table) => ({ path: ledger.files[table], name: `demo-${table}.csv` }));
    const result = await loadFiles(db, files);
    if (result.rejected.length > 0) {
      const first = result.rejected[0];
      throw new Error(`the demo ledger did not load: ${first.file} row ${first.row} column ${first.column}: ${first.reason}`);
    }
    await db.write((connection) => markDemoLoads(connection, result.loadIds));
    return { invoices: result.loaded.invoices ?? 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
