// The overview's API time at N invoices (default 1 M): generate a ledger into a temp folder (or
// reuse --db), load it, then time the requests the overview makes, medians of --reps:
//  - cold: the read cache emptied before every request, as for a week nobody has opened since the
//    last load;
//  - warm: after the server's own warm-up (server/warm-up.ts, run at start and after every write),
//    as a controller opening the overview on its default week sees it;
//  - a customer's page opened from the worklist, first visit of each customer, cold and warm.
// npx tsx bench/dashboard.ts [--invoices 1000000] [--db PATH] [--reps 5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app.ts';
import { warmUp } from '../server/warm-up.ts';
import { openFixtureDb } from '../support/databases.ts';

const { values } = parseArgs({
  options: { invoices: { type: 'string', default: '1000000' }, db: { type: 'string' }, reps: { type: 'string', default: '5' } }
});
const invoices = Number(values.invoices);
const reps = Number(values.reps);
const dir = mkdtempSync(join(tmpdir(), 'radar-bench-dash-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  let started = performance.now();
  const db = await openFixtureDb(values.db ?? join(dir, 'bench.duckdb'), { invoices });
  console.error(`ledger of ${invoices} invoices ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const app = createApp({ db, uploadsDir: join(dir, 'uploads'), auth: 'disabled' });
  const { last_week_end: week } = (await (await app.request('/api/ledger')).json()) as { last_week_end: string };
  // the four requests the overview page makes for its default week (web/routes/+page.svelte)
  const overview = [
    '/api/ledger',
    `/api/review?week_end=${week}`,
    `/api/review/recovery?week_end=${week}`,
    `/api/drift?as_of=${week}&limit=8`
  ];
  const time = async (paths: string[], cold: boolean) => {
    if (cold) db.forgetAnswers();
    started = performance.now();
    const answers = await Promise.all(paths.map((p) => app.request(p)));
    for (const a of answers) if (!a.ok) throw new Error(`${a.url}: ${a.status} ${await a.text()}`);
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    return performance.now() - started;
  };
  const measure = async (cold: boolean) => {
    const rows: Record<string, number> = {};
    for (const set of [overview, ...overview.map((p) => [p])]) {
      await time(set, cold);
      const runs = [];
      for (let i = 0; i < reps; i++) runs.push(await time(set, cold));
      rows[set.length > 1 ? 'overview (all four, in parallel)' : set[0]!] = Math.round(median(runs));
    }
    return rows;
  };
  // a collector opening customers from the worklist: each customer's page is a first visit (its own
  // queries not cached), with the day's drift report cold (cache emptied) or after the warm-up
  const worklist = (await (await app.request(`/api/worklist?limit=${2 * reps + 2}`)).json()) as { items: { customer_id: string }[] };
  const customerIds = worklist.items.map((i) => i.customer_id);
  const customerPages = async (cold: boolean, ids: string[]) => {
    const runs = [];
    for (const id of ids) runs.push(await time([`/api/customers/${encodeURIComponent(id)}`], cold));
    return Math.round(median(runs));
  };
  const cold = await measure(true);
  cold['/api/customers/:id (first visit)'] = await customerPages(true, customerIds.slice(0, reps));
  db.forgetAnswers();
  const warmUpMs = Math.round(await warmUp(db));
  const warm = await measure(false);
  warm['/api/customers/:id (first visit)'] = await customerPages(false, customerIds.slice(reps, 2 * reps));
  console.log(JSON.stringify({ invoices, week, reps, cold_median_ms: cold, warm_up_ms: warmUpMs, warm_median_ms: warm }, null, 2));
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
