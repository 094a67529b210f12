// Crash safety: the real server killed with SIGKILL in the middle of a large ingest, and a process
// killed in the middle of the model rebuild; after a restart the earlier data is intact and the
// partial work has left no trace (loads table, row counts, figures). The server runs as one node
// process (node --import tsx): the tsx wrapper would forward SIGTERM but cannot forward SIGKILL.
import { execFileSync } from 'node:child_process';
import { existsSync, openAsBlob, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger } from '../../data/generator/index.ts';
import { auth, folderWithLedger, startServer, stopServer, type RunningServer } from '../../support/server.ts';

const AS_OF = '2026-06-30';
let dir = '';
let server: RunningServer | undefined;

const start = async () => {
  server = await startServer(dir);
};
const get = async (path: string) => (await fetch(`${server!.base}${path}`, { headers: auth })).json();

/** Everything that would show a partial load: the loads table, the figures, the row counts. */
async function state() {
  const loads = (await get('/api/loads')) as { loads: unknown[] };
  const kpis = await get(`/api/kpis?as_of=${AS_OF}`);
  const aging = await get(`/api/aging?as_of=${AS_OF}`);
  const ledger = await get('/api/ledger');
  // compared field by field, so a failure names what moved
  return { loads: loads.loads, kpis, aging, ledger };
}

beforeAll(async () => {
  // the base ledger goes in with the CLI (the server would otherwise seed the demo), with its exchange
  // rates: without them kpis and aging compare two missing-rate errors, not figures
  dir = await folderWithLedger('radar-crash-', { invoices: 3000, seed: 1 }, ['customers', 'invoices', 'payments', 'fx_rates']);
  // a large invoice file with ids of its own, so it loads on top of the base ledger
  const big = await generateLedger({ out: join(dir, 'big'), invoices: 300_000, customers: 100, seed: 2 });
  const text = (await import('node:fs')).readFileSync(big.files.invoices, 'utf8').replace(/^([^,\n]*?)INV/gm, '$1BIG');
  writeFileSync(join(dir, 'big-invoices.csv'), text);
}, 300_000);

afterAll(async () => {
  await stopServer(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL', () => {
  it('in the middle of a large ingest leaves the earlier data intact and no trace of the load', async () => {
    await start();
    const before = await state();
    const form = new FormData();
    form.append('files', await openAsBlob(join(dir, 'big-invoices.csv')), 'big-invoices.csv');
    form.append('as', 'invoices');
    const size = statSync(join(dir, 'big-invoices.csv')).size;
    const upload = fetch(`${server!.base}/api/uploads`, { method: 'POST', headers: auth, body: form }).catch(() => null);
    // the whole file is on the server's disk: ingest is running; kill it a moment later
    for (let i = 0; i < 600; i++) {
      const uploads = join(dir, 'uploads');
      const saved =
        existsSync(uploads) &&
        readdirSync(uploads, { recursive: true })
          .map(String)
          .find((f) => f.endsWith('big-invoices.csv'));
      if (saved && statSync(join(uploads, saved)).size === size) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    const loadsMidway = (await get('/api/loads')) as { loads: unknown[] };
    await stopServer(server);
    await upload;
    expect(loadsMidway.loads.length, 'the kill came after the load committed; make the file bigger').toBe(before.loads.length);

    await start();
    expect(await state()).toEqual(before);
    await stopServer(server);
  }, 300_000);

  it('in the middle of the model rebuild leaves the old figures, and the next start rebuilds', async () => {
    await start();
    const before = await state();
    await stopServer(server);
    // a process that rebuilds the models and kills itself after the fifth model, mid-transaction
    const script = join(dir, 'die-mid-rebuild.mts');
    writeFileSync(
      script,
      `import { Database } from '${process.cwd()}/server/db.ts';
       import { refreshModels } from '${process.cwd()}/server/models.ts';
       const db = await Database.open(${JSON.stringify(join(dir, 'radar.duckdb'))});
       await db.write(async (c) => {
         await c.run("delete from model_builds");
         let n = 0;
         await refreshModels(c, { onModel: () => { if (++n === 5) process.kill(process.pid, 'SIGKILL'); } });
       });`
    );
    let signal: string | null = null;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
    } catch (error) {
      signal = (error as { signal: string }).signal;
    }
    expect(signal).toBe('SIGKILL');

    await start();
    // the rebuild's transaction never committed; the build marker was cleared first, so this start
    // finds the models stale and rebuilds them (ensureModels), to the same figures
    expect(server!.log()).toMatch(/models rebuilt/);
    expect(await state()).toEqual(before);
  }, 300_000);
});
