// The overview's API time at N invoices (default 1 M): generate a ledger into a temp folder, load
// it into a temp database, then time the requests the overview makes (median of 5 after a warm-up).
// npx tsx bench/dashboard.ts [--invoices 1000000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app.ts';
import { openFixtureDb } from '../test/e2e/fixture-db.ts';

const { values } = parseArgs({ options: { invoices: { type: 'string', default: '1000000' } } });
const invoices = Number(values.invoices);
const dir = mkdtempSync(join(tmpdir(), 'radar-bench-dash-'));
try {
  let started = performance.now();
  const db = await openFixtureDb(join(dir, 'bench.duckdb'), { invoices });
  console.error(`generated and loaded ${invoices} invoices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const app = createApp({ db, uploadsDir: join(dir, 'uploads'), auth: 'disabled' });
  const ledger = (await (await app.request('/api/ledger')).json()) as { last_week_end: string };
  const week = ledger.last_week_end;
  const overview = ['/api/ledger', `/api/review?week_end=${week}`, `/api/review/recovery?week_end=${week}`, `/api/drift?as_of=${week}&limit=8`];
  const time = async (paths: string[]) => {
    started = performance.now();
    const answers = await Promise.all(paths.map((p) => app.request(p)));
    for (const a of answers) if (!a.ok) throw new Error(`${a.url}: ${a.status} ${await a.text()}`);
    return performance.now() - started;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows: Record<string, number> = {};
  for (const set of [overview, ...overview.map((p) => [p])]) {
    await time(set);
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await time(set));
    rows[set.length > 1 ? 'overview (all four, in parallel)' : set[0]] = Math.round(median(runs));
  }
  console.log(JSON.stringify({ invoices, week, median_ms: rows }, null, 2));
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
