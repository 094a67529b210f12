// Shutdown always ends, and a start cleans what a killed process left (issue 14 #3, #7), against
// the real server: SIGTERM during the 4e18-row Parquet preview, during a long Explore query, and
// during an Explore scan of that file placed straight in the uploads folder ends the process
// within 10 s; after a SIGKILL mid-upload, the next start removes the upload's folder, DuckDB's
// spill folder and dead processes' temp folders, and says so in its log.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeHostileParquet } from '../../support/hostile-parquet.ts';
import { auth, folderWithLedger, startServer, stopServer, type RunningServer } from '../../support/server.ts';

let dir = '';
let server: RunningServer | undefined;
let hostile = '';

beforeAll(async () => {
  dir = await folderWithLedger('radar-shutdown-', { invoices: 2000, seed: 4 }, ['customers', 'invoices', 'payments']);
  hostile = join(dir, 'claims.parquet');
  writeHostileParquet(hostile, { claimedRows: 4_000_000_000_000_000_000n, rowGroups: 1, pageValues: 1000 });
}, 120_000);
afterEach(() => stopServer(server));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sigtermDuring(work: () => Promise<unknown>, after = 1500): Promise<number> {
  void work().catch(() => null);
  await new Promise((r) => setTimeout(r, after));
  const sent = performance.now();
  server!.kill('SIGTERM');
  const { at } = await Promise.race([server!.exited, new Promise<{ at: number }>((r) => setTimeout(() => r({ at: Infinity }), 15_000))]);
  console.error(`SIGTERM to exit: ${Math.round(at - sent)} ms`);
  return at - sent;
}

const explore = (sql: string) =>
  fetch(`${server!.base}/api/explore/query`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ sql })
  });

describe('SIGTERM ends the process within 10 s', () => {
  it('during the preview of a Parquet file claiming 4e18 rows', async () => {
    server = await startServer(dir);
    const body = new FormData();
    body.append('files', new Blob([readFileSync(hostile)]), 'claims.parquet');
    const ms = await sigtermDuring(() => fetch(`${server!.base}/api/uploads/preview`, { method: 'POST', headers: auth, body }), 500);
    expect(ms).toBeLessThan(10_000);
  }, 60_000);

  it('during a long Explore query (a 10^12-row cross join, no time limit to speak of)', async () => {
    server = await startServer(dir, { RADAR_QUERY_TIMEOUT_MS: '600000' });
    const ms = await sigtermDuring(() => explore('select count(*) from range(1000000) a, range(1000000) b'));
    expect(ms).toBeLessThan(10_000);
  }, 60_000);

  it('during an Explore scan of the 4e18-row file placed in the uploads folder by hand', async () => {
    const folder = join(dir, 'uploads', 'by-hand');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'claims.parquet'), readFileSync(hostile));
    server = await startServer(dir, { RADAR_QUERY_TIMEOUT_MS: '600000' });
    const ms = await sigtermDuring(() => explore(`select * from read_parquet('${join(folder, 'claims.parquet')}') order by 1 limit 10`));
    expect(ms).toBeLessThan(10_000);
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});

describe('a clean start', () => {
  it('removes a killed upload, DuckDB spill files and dead processes’ temp folders, and logs each', async () => {
    server = await startServer(dir);
    // an upload whose body never ends: its folder exists, then the process is killed
    let push: ((chunk: Uint8Array) => void) | undefined;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (push = (chunk) => controller.enqueue(chunk)) });
    const boundary = 'radar-killed';
    void fetch(`${server.base}/api/uploads`, {
      method: 'POST',
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half'
    } as RequestInit).catch(() => null);
    push!(
      new TextEncoder().encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="half.csv"\r\n\r\n${'invoice_id,amount\n'.repeat(50_000)}`
      )
    );
    const uploads = join(dir, 'uploads');
    for (let i = 0; i < 100 && !(existsSync(uploads) && readdirSync(uploads).length > 0); i++) await new Promise((r) => setTimeout(r, 50));
    const [killed] = readdirSync(uploads);
    expect(killed).toBeDefined();
    const sources = (await (await fetch(`${server.base}/api/explore/sources`, { headers: auth })).json()) as {
      uploads: { file: string }[];
    };
    expect(sources.uploads.map((u) => u.file)).not.toContain(join(killed!, 'half.csv'));
    await stopServer(server);
    // what else killed processes leave: DuckDB's spill folder, a temp folder of a process that is gone
    mkdirSync(join(dir, 'radar.duckdb.tmp'), { recursive: true });
    writeFileSync(join(dir, 'radar.duckdb.tmp', 'duckdb_temp_storage-0.tmp'), Buffer.alloc(1024 * 1024));
    // in a temp folder of this test's own (TMPDIR), so another test's server, starting clean at the
    // same time in the shared one, cannot remove it first
    const systemTemp = join(dir, 'tmp');
    const deadTemp = join(systemTemp, 'radar-server-999999999-test');
    mkdirSync(deadTemp, { recursive: true });

    server = await startServer(dir, { TMPDIR: systemTemp });
    expect(existsSync(join(uploads, killed!))).toBe(false);
    expect(existsSync(join(dir, 'radar.duckdb.tmp'))).toBe(false);
    expect(existsSync(deadTemp)).toBe(false);
    const log = server.log();
    expect(log).toMatch(new RegExp(`removed .*${killed}.*upload that never committed`));
    expect(log).toMatch(/removed .*radar\.duckdb\.tmp \(1048576 bytes\): DuckDB's spill folder/);
    expect(log).toMatch(/removed .*radar-server-999999999-test .*process 999999999, which no longer runs/);
  }, 240_000);
});
