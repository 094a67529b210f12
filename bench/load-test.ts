// Concurrency on loopback: many parallel dashboard readers (kpis, aging, series, review, worklist)
// against the real server while writes run one after another: `--uploads` uploads, then an undo of
// each (issue 14 #9: two uploads and two undos). Every answer must be a 200 equal to one of the
// states the writes pass through (the snapshot taken after each write; never a mix); p50/p95/max
// latency are reported, overall and per route. Readers send their next request the moment the last
// one answers, unless --think-ms gives them a pause between requests (uniform, 0 to twice it, like
// a person reading the page). Beside latency: the load average, and where the server's main thread
// spent the writes (bench/server-probe.ts: event loop delay, time on a core, time waiting for one)
// and the bench's own event loop delay (it shares the machine's cores with the server).
//   node --import tsx bench/load-test.ts [--readers 20] [--invoices 30000] [--base-invoices 20000] [--uploads 2] [--no-undo] [--think-ms 0]
// test/hardening/hardening-load.test.ts runs a short bounded version.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateLedger } from '../data/generator/index.ts';
import type { ProbeSample } from './server-probe.ts';

const loadAverage = () => loadavg()[0].toFixed(1);

const TSX = join('node_modules', '.bin', 'tsx');
const TOKEN = 'load-test-token';
const WEEK = '2026-06-28';
export const READS = [
  `/api/kpis?as_of=${WEEK}`,
  `/api/aging?as_of=${WEEK}`,
  `/api/series?from=2026-01-05&to=${WEEK}&grain=week`,
  `/api/review?week_end=${WEEK}`,
  `/api/worklist?as_of=${WEEK}&limit=50`
];
/** the dashboard's p95 target while loads and undos run (issue 14 #9) */
export const P95_TARGET_MS = 300;

export interface LoadTestOptions {
  readers: number;
  baseInvoices: number;
  /** invoices in each upload */
  uploadInvoices: number;
  /** uploads one after another (default 1) */
  uploads?: number;
  /** undo every upload after the last one, newest first (default false) */
  undo?: boolean;
  /** a reader's mean pause between requests, ms (default 0: the next request the moment the last answers) */
  thinkMs?: number;
}

/** Event loop delay and the main thread's time while the writes ran, from one-second samples. */
export interface LoopFigures {
  seconds: number;
  /** medians over the seconds of each second's p50 and p99 delay, ms; the largest delay seen */
  delayP50: number;
  delayP99: number;
  delayMax: number;
  /** shares of the time the server's main thread ran on a core and waited for one (null off Linux) */
  mainRunning: number | null;
  mainWaitingForCpu: number | null;
}

export interface WriteTiming {
  what: string;
  status: number;
  ms: number;
}

export interface RouteLatency {
  path: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
}

export interface LoadTestResult {
  readers: number;
  uploadInvoices: number;
  /** the first upload's time (kept for the short test's message) */
  uploadMs: number;
  uploadStatus: number;
  writes: WriteTiming[];
  /** from the first write's start to the last one's end */
  writingMs: number;
  requests: number;
  errors: string[];
  /** answers equal to none of the states the writes passed through */
  inconsistent: string[];
  /** answers per state: [before, after write 1, after write 2, ...] */
  sawState: number[];
  /** every read answers after the last write as before the first (true when every upload was undone) */
  endsAsItBegan: boolean;
  sawBefore: number;
  sawAfter: number;
  p50: number;
  p95: number;
  max: number;
  byRoute: RouteLatency[];
  thinkMs: number;
  /** the load average (1 min) when the writes began and when they ended */
  loadAverage: { start: number; end: number };
  server: LoopFigures | null;
  /** the bench's own event loop while the writes ran (its delays add to every latency it measures) */
  client: LoopFigures | null;
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

/** Answers are compared by their SHA-1: thousands of worklist bodies would hold gigabytes. */
const digest = (body: string) => createHash('sha1').update(body).digest('hex');

async function snapshot(base: string): Promise<string[]> {
  return Promise.all(READS.map(async (path) => digest(await (await fetch(base + path, { headers })).text())));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50
  );

function loopFigures(samples: ProbeSample[]): LoopFigures | null {
  if (samples.length === 0) return null;
  const share = (key: 'runMs' | 'waitMs') =>
    samples.every((s) => s[key] !== null)
      ? Math.round((samples.reduce((sum, s) => sum + s[key]!, 0) / samples.reduce((sum, s) => sum + s.ms, 0)) * 100) / 100
      : null;
  return {
    seconds: samples.length,
    delayP50: Math.round(median(samples.map((s) => s.p50))),
    delayP99: Math.round(median(samples.map((s) => s.p99))),
    delayMax: Math.round(Math.max(...samples.map((s) => s.max))),
    mainRunning: share('runMs'),
    mainWaitingForCpu: share('waitMs')
  };
}

/** The bench's own event loop, sampled like the server's (without the schedstat figures). */
function watchOwnLoop(): { samples: ProbeSample[]; stop: () => void } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const samples: ProbeSample[] = [];
  let lastAt = Date.now();
  const timer = setInterval(() => {
    const at = Date.now();
    samples.push({
      t: at,
      ms: at - lastAt,
      p50: histogram.percentile(50) / 1e6,
      p99: histogram.percentile(99) / 1e6,
      max: histogram.max / 1e6,
      runMs: null,
      waitMs: null
    });
    lastAt = at;
    histogram.reset();
  }, 1000);
  return { samples, stop: () => (clearInterval(timer), histogram.disable()) };
}

function latency(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted.at(-1) ?? 0) };
}

export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const uploadCount = options.uploads ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'radar-load-'));
  let server: ChildProcess | undefined;
  try {
    const baseLedger = await generateLedger({ out: join(dir, 'base'), invoices: options.baseInvoices, seed: 11 });
    const db = join(dir, 'radar.duckdb');
    execFileSync(
      TSX,
      [
        'server/cli.ts',
        'ingest',
        ...(['customers', 'invoices', 'payments', 'fx_rates'] as const).map((t) => baseLedger.files[t]),
        '--db',
        db
      ],
      { stdio: 'ignore' }
    );
    const files: string[] = [];
    for (let u = 0; u < uploadCount; u++) {
      const big = await generateLedger({ out: join(dir, `big-${u}`), invoices: options.uploadInvoices, customers: 50, seed: 12 + u });
      const file = join(dir, `more-invoices-${u + 1}.csv`);
      // ids of their own, so each upload adds to the base and to each other
      writeFileSync(file, readFileSync(big.files.invoices, 'utf8').replace(/^INV/gm, `MORE${u + 1}-`));
      files.push(file);
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const probeFile = join(dir, 'server-probe.jsonl');
    server = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/server-probe.ts', 'server/index.ts'], {
      env: {
        ...process.env,
        LOAD_TEST_PROBE_FILE: probeFile,
        PORT: String(port),
        RADAR_DB: db,
        RADAR_UPLOADS: join(dir, 'uploads'),
        RADAR_API_TOKEN: TOKEN,
        RADAR_ADMIN_PASSWORD: 'load-test-admin'
      },
      stdio: ['ignore', 'ignore', 'inherit']
    });
    for (
      let i = 0;
      i < 600 &&
      !(await fetch(`${base}/api/ledger`, { headers }).then(
        (r) => r.ok,
        () => false
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 200));

    const states = [await snapshot(base)];
    const answers: { index: number; body: string }[] = [];
    const latencies: number[][] = READS.map(() => []);
    const errors: string[] = [];
    const writes: WriteTiming[] = [];
    let writing = true;

    const timed = async (what: string, request: () => Promise<Response>) => {
      const t0 = performance.now();
      const response = await request();
      const body = await response.text();
      if (response.status !== 200) errors.push(`${what}: ${response.status} ${body.slice(0, 200)}`);
      writes.push({ what, status: response.status, ms: Math.round(performance.now() - t0) });
      states.push(await snapshot(base));
      return body;
    };
    const started = performance.now();
    const startedAt = Date.now();
    const loadAtStart = loadavg()[0];
    const ownLoop = watchOwnLoop();
    const thinkMs = options.thinkMs ?? 0;
    const writer = (async () => {
      try {
        const loadIds: number[] = [];
        for (const [u, file] of files.entries()) {
          const form = new FormData();
          const name = `more-invoices-${u + 1}.csv`;
          form.append('files', await openAsBlob(file), name);
          form.append('as', 'invoices');
          await timed(`upload ${name}`, () => fetch(`${base}/api/uploads`, { method: 'POST', headers, body: form }));
          const { loads } = (await (await fetch(`${base}/api/loads`, { headers })).json()) as {
            loads: { load_id: number; source_file: string }[];
          };
          loadIds.push(loads.find((l) => l.source_file === name)!.load_id);
        }
        if (options.undo) {
          for (const id of loadIds.reverse())
            await timed(`undo load ${id}`, () => fetch(`${base}/api/loads/${id}/undo`, { method: 'POST', headers }));
        }
      } finally {
        writing = false;
      }
    })();

    const reader = async (id: number) => {
      for (let n = 0; writing; n++) {
        const index = (id + n) % READS.length;
        const t0 = performance.now();
        try {
          const response = await fetch(base + READS[index], { headers });
          const body = await response.text();
          latencies[index].push(performance.now() - t0);
          if (response.status !== 200) errors.push(`${READS[index]}: ${response.status} ${body.slice(0, 200)}`);
          else answers.push({ index, body: digest(body) });
        } catch (error) {
          // undici says "fetch failed"; the cause says why (a reset socket, a timeout)
          const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
          errors.push(
            `${READS[index]}: ${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''} after ${Math.round(performance.now() - t0)} ms`
          );
        }
        if (thinkMs > 0 && writing) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * thinkMs));
      }
    };
    await Promise.all([writer, ...Array.from({ length: options.readers }, (_, id) => reader(id))]);
    const writingMs = Math.round(performance.now() - started);
    const endedAt = Date.now();
    const loadAtEnd = loadavg()[0];
    ownLoop.stop();
    const during = (samples: ProbeSample[]) => samples.filter((sample) => sample.t > startedAt + 1000 && sample.t <= endedAt);
    const serverSamples = existsSync(probeFile)
      ? readFileSync(probeFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as ProbeSample)
      : [];

    const inconsistent: string[] = [];
    const sawState = states.map(() => 0);
    for (const { index, body } of answers) {
      const state = states.findIndex((s) => s[index] === body);
      if (state >= 0) sawState[state]++;
      else inconsistent.push(`${READS[index]}: an answer of no state (sha1 ${body})`);
    }
    return {
      readers: options.readers,
      uploadInvoices: options.uploadInvoices,
      uploadMs: writes[0]?.ms ?? 0,
      uploadStatus: writes[0]?.status ?? 0,
      writes,
      writingMs,
      requests: latencies.flat().length,
      errors,
      inconsistent,
      sawState,
      endsAsItBegan: states.at(-1)!.every((body, i) => body === states[0][i]),
      sawBefore: sawState[0],
      sawAfter: sawState.slice(1).reduce((a, b) => a + b, 0),
      ...latency(latencies.flat()),
      byRoute: READS.map((path, i) => ({ path, requests: latencies[i].length, ...latency(latencies[i]) })),
      thinkMs,
      loadAverage: { start: Math.round(loadAtStart * 10) / 10, end: Math.round(loadAtEnd * 10) / 10 },
      server: loopFigures(during(serverSamples)),
      client: loopFigures(during(ownLoop.samples))
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
  const { values } = parseArgs({
    options: {
      readers: { type: 'string' },
      invoices: { type: 'string' },
      'base-invoices': { type: 'string' },
      uploads: { type: 'string' },
      'no-undo': { type: 'boolean' },
      'think-ms': { type: 'string' }
    }
  });
  const load = loadAverage();
  const result = await runLoadTest({
    readers: Number(values.readers ?? 20),
    uploadInvoices: Number(values.invoices ?? 30_000),
    baseInvoices: Number(values['base-invoices'] ?? 20_000),
    uploads: Number(values.uploads ?? 2),
    undo: !values['no-undo'],
    thinkMs: Number(values['think-ms'] ?? 0)
  });
  console.log(
    JSON.stringify(
      { loadAverageAtStart: load, ...result, errors: result.errors.slice(0, 5), inconsistent: result.inconsistent.slice(0, 5) },
      null,
      2
    )
  );
  console.log(
    `\n${result.readers} readers (${result.thinkMs > 0 ? `pausing 0-${2 * result.thinkMs} ms between requests` : 'no pause between requests'}), ${result.requests} reads during ${result.writes.map((w) => `${w.what} (${w.status}, ${(w.ms / 1000).toFixed(1)} s)`).join(', ')}; load average ${result.loadAverage.start} when the writes began, ${result.loadAverage.end} when they ended (${load} at the bench's start)`
  );
  console.log('| route | reads | p50 | p95 | max |\n|---|---|---|---|---|');
  for (const r of [
    ...result.byRoute,
    { path: 'all dashboard reads', requests: result.requests, p50: result.p50, p95: result.p95, max: result.max }
  ]) {
    console.log(`| ${r.path} | ${r.requests} | ${r.p50} ms | ${r.p95} ms | ${r.max} ms |`);
  }
  const loop = (name: string, figures: LoopFigures | null) =>
    figures
      ? `${name} event loop delay during the writes: p50 ${figures.delayP50} ms, p99 ${figures.delayP99} ms (medians of ${figures.seconds} one-second samples), max ${figures.delayMax} ms` +
        (figures.mainRunning !== null
          ? `; main thread on a core ${Math.round(figures.mainRunning * 100)} % of the time, ready but waiting for a core ${Math.round(figures.mainWaitingForCpu! * 100)} %`
          : '')
      : `${name} event loop: no samples`;
  console.log(loop('server', result.server));
  console.log(loop('bench (client)', result.client));
  console.log(
    `errors ${result.errors.length}, answers of no state ${result.inconsistent.length}; p95 target ${P95_TARGET_MS} ms: ${result.p95 <= P95_TARGET_MS ? 'met' : 'missed'}`
  );
}
