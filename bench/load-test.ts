// Concurrency on loopback: many parallel dashboard readers (kpis, aging, series, review) against
// the real server while an upload runs. Every answer must be a 200 equal to the answer before the
// upload or the one after it (never a mix); p50/p95/max latency are reported.
//   npx tsx bench/load-test.ts [--readers 32] [--invoices 200000] [--base-invoices 20000]
// test/hardening-load.test.ts runs a short bounded version.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateLedger } from '../data/generator/index.ts';

const TSX = join('node_modules', '.bin', 'tsx');
const TOKEN = 'load-test-token';
const WEEK = '2026-06-28';
export const READS = [
  `/api/kpis?as_of=${WEEK}`,
  `/api/aging?as_of=${WEEK}`,
  `/api/series?from=2026-01-05&to=${WEEK}&grain=week`,
  `/api/review?week_end=${WEEK}`
];

export interface LoadTestOptions {
  readers: number;
  baseInvoices: number;
  uploadInvoices: number;
}

export interface LoadTestResult {
  readers: number;
  uploadInvoices: number;
  uploadMs: number;
  uploadStatus: number;
  requests: number;
  errors: string[];
  /** answers equal to neither the state before nor the one after */
  inconsistent: string[];
  sawBefore: number;
  sawAfter: number;
  p50: number;
  p95: number;
  max: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const headers = { authorization: `Bearer ${TOKEN}` };

async function snapshot(base: string): Promise<string[]> {
  return Promise.all(READS.map(async (path) => (await fetch(base + path, { headers })).text()));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-load-'));
  let server: ChildProcess | undefined;
  try {
    const baseLedger = await generateLedger({ out: join(dir, 'base'), invoices: options.baseInvoices, seed: 11 });
    const db = join(dir, 'radar.duckdb');
    execFileSync(TSX, ['server/cli.ts', 'ingest', ...(['customers', 'invoices', 'payments', 'fx_rates'] as const).map((t) => baseLedger.files[t]), '--db', db], { stdio: 'ignore' });
    const big = await generateLedger({ out: join(dir, 'big'), invoices: options.uploadInvoices, customers: 50, seed: 12 });
    const upload = join(dir, 'more-invoices.csv');
    writeFileSync(upload, readFileSync(big.files.invoices, 'utf8').replace(/^INV/gm, 'MORE'));

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, PORT: String(port), RADAR_DB: db, RADAR_UPLOADS: join(dir, 'uploads'), RADAR_API_TOKEN: TOKEN, RADAR_ADMIN_PASSWORD: 'load-test-admin' },
      stdio: ['ignore', 'ignore', 'inherit']
    });
    for (let i = 0; i < 600 && !(await fetch(`${base}/api/ledger`, { headers }).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));

    const before = await snapshot(base);
    const answers: { index: number; body: string }[] = [];
    const latencies: number[] = [];
    const errors: string[] = [];
    let uploading = true;

    const started = performance.now();
    const form = new FormData();
    form.append('files', await openAsBlob(upload), 'more-invoices.csv');
    form.append('as', 'invoices');
    const uploadDone = fetch(`${base}/api/uploads`, { method: 'POST', headers, body: form }).then(async (r) => {
      uploading = false;
      if (r.status !== 200) errors.push(`upload: ${r.status} ${(await r.text()).slice(0, 200)}`);
      return { status: r.status, ms: performance.now() - started };
    });

    const reader = async (id: number) => {
      for (let n = 0; uploading; n++) {
        const index = (id + n) % READS.length;
        const t0 = performance.now();
        try {
          const response = await fetch(base + READS[index], { headers });
          const body = await response.text();
          latencies.push(performance.now() - t0);
          if (response.status !== 200) errors.push(`${READS[index]}: ${response.status} ${body.slice(0, 200)}`);
          else answers.push({ index, body });
        } catch (error) {
          errors.push(`${READS[index]}: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: options.readers }, (_, id) => reader(id)));
    const uploaded = await uploadDone;
    const after = await snapshot(base);

    const inconsistent: string[] = [];
    let sawBefore = 0;
    let sawAfter = 0;
    for (const { index, body } of answers) {
      if (body === before[index]) sawBefore++;
      else if (body === after[index]) sawAfter++;
      else inconsistent.push(`${READS[index]}: ${body.slice(0, 160)}`);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      readers: options.readers,
      uploadInvoices: options.uploadInvoices,
      uploadMs: Math.round(uploaded.ms),
      uploadStatus: uploaded.status,
      requests: latencies.length,
      errors,
      inconsistent,
      sawBefore,
      sawAfter,
      p50: Math.round(percentile(sorted, 50)),
      p95: Math.round(percentile(sorted, 95)),
      max: Math.round(sorted.at(-1) ?? 0)
    };
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { readers: { type: 'string' }, invoices: { type: 'string' }, 'base-invoices': { type: 'string' } } });
  const result = await runLoadTest({
    readers: Number(values.readers ?? 32),
    uploadInvoices: Number(values.invoices ?? 200_000),
    baseInvoices: Number(values['base-invoices'] ?? 20_000)
  });
  console.log(JSON.stringify({ ...result, errors: result.errors.slice(0, 5), inconsistent: result.inconsistent.slice(0, 5) }, null, 2));
}
