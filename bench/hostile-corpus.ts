// The hostile corpus of issue 14 against the real server, one case after another: status, time to
// answer, and the server's memory peak (VmHWM of /proc/PID/status) after each; then row 7 (SIGKILL
// mid-upload and a restart). Row 12 (reads during writes) is bench/load-test.ts. docs/reliability.md.
//   node --import tsx bench/hostile-corpus.ts [--rows 7,11]   (default: every row)
import { existsSync, mkdtempSync, openAsBlob, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedger } from '../data/generator/index.ts';
import { writeHostileParquet } from '../support/hostile-parquet.ts';
import { auth, cliIngest, startServer, stopServer } from '../support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'radar-corpus-'));
const ledger = await generateLedger({ out: join(dir, 'base'), invoices: 3000, seed: 7 });
cliIngest(
  join(dir, 'radar.duckdb'),
  (['customers', 'invoices', 'payments', 'fx_rates'] as const).map((t) => ledger.files[t])
);
writeHostileParquet(join(dir, 'claims.parquet'), { claimedRows: 4_000_000_000_000_000_000n, rowGroups: 1, pageValues: 1000 });
writeHostileParquet(join(dir, 'repeated.parquet'), { claimedRows: 200_000_000n, rowGroups: 200_000, pageValues: 1000 });
// row 7's file, written before the server starts: generating it blocks this process for seconds, long
// enough for the server to close idle keep-alive sockets that fetch would then reuse ("other side closed")
const big = await generateLedger({ out: join(dir, 'big'), invoices: 300_000, customers: 50, seed: 8 });
writeFileSync(join(dir, 'big.csv'), readFileSync(big.files.invoices, 'utf8').replace(/^INV/gm, 'KILL'));
let server = await startServer(dir);
process.on('exit', () => server.process.exitCode === null && server.kill('SIGKILL'));
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))![1]) / 1024;
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { ...auth, 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body)
});
const file = (name: string, bytes: Uint8Array | string, as?: string) => {
  const form = new FormData();
  form.append('files', new Blob([bytes as BlobPart]), name);
  if (as) form.append('as', as);
  return { method: 'POST', headers: auth, body: form };
};
/** 300 MB of JSON-ish bytes, produced only as fast as the server reads them. */
function hugeBody(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({ pull: (controller) => (sent++ < 300 ? controller.enqueue(chunk) : controller.close()) });
}

// row 11: an analyst, a collector, and a load of the admin's (the API token is an admin)
const call = async (path: string, init: RequestInit) => {
  const response = await fetch(server.base + path, init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
};
const { collectors } = (await (await call('/api/ledger', { headers: auth })).json()) as { collectors: string[] };
const [own, other] = collectors;
const [{ customer_id: ownCustomer }] = (
  (await (await call(`/api/customers?collector=${encodeURIComponent(own!)}&limit=1`, { headers: auth })).json()) as {
    customers: { customer_id: string }[];
  }
).customers;
const session = async (username: string, role: string, collector?: string) => {
  await call('/api/users', json({ username, password: `${username}-password-1234`, role, collector }));
  const response = await call('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-password-1234` })
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrf_token } = (await response.json()) as { csrf_token: string };
  return { cookie, 'x-csrf-token': csrf_token };
};
const analyst = await session('corpus-analyst', 'analyst');
const collector = await session('corpus-collector', 'collector', own);
await call('/api/uploads', {
  ...(() => {
    const f = new FormData();
    f.append(
      'files',
      new Blob([`invoice_id,customer_id,invoice_date,due_date,amount\nADMIN-1,${ownCustomer},2026-06-01,2026-07-01,10.00\n`]),
      'admins.csv'
    );
    f.append('as', 'invoices');
    return { body: f };
  })(),
  method: 'POST',
  headers: auth
});
const { loads } = (await (await call('/api/loads', { headers: auth })).json()) as { loads: { load_id: number; source_file: string }[] };
const adminsLoad = loads.find((l) => l.source_file === 'admins.csv')!.load_id;
const as = (headers: Record<string, string>, body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body)
});

const wide =
  ['customer_id,name,' + Array.from({ length: 99_998 }, (_, i) => `x${i}`).join(','), 'C9,Nine,' + Array(99_998).fill('1').join(',')].join(
    '\n'
  ) + '\n';
const cases: [string, string, () => RequestInit | RequestInit[], string?][] = [
  ['1', 'Explore select list(range) from range(100000000)', () => json({ sql: 'select list(range) from range(100000000)' })],
  ['1', "Explore 100 × repeat('x', 1000000) (100 MB)", () => json({ sql: "select repeat('x', 1000000) from range(100)" })],
  [
    '2',
    '8 parallel cross joins of 1.6e12 rows',
    () => Array.from({ length: 8 }, () => json({ sql: 'select count(*) from range(400000) a, range(4000000) b' }))
  ],
  ['3', 'preview of a 139-byte Parquet claiming 4e18 rows', () => file('claims.parquet', readFileSync(join(dir, 'claims.parquet')))],
  [
    '4',
    'upload of 200,000 repeated row groups (200 M rows claimed)',
    () => file('repeated.parquet', readFileSync(join(dir, 'repeated.parquet')), 'invoices')
  ],
  [
    '5',
    '40 parallel wrong passwords for admin',
    () =>
      Array.from({ length: 40 }, () => ({
        ...json({ username: 'admin', password: 'wrong' }),
        headers: { 'content-type': 'application/json' }
      }))
  ],
  [
    '6',
    'unauthenticated sign-in streaming a 300 MB body',
    () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: hugeBody(), duplex: 'half' }) as RequestInit
  ],
  ['8', 'Explore select 1 as a where false', () => json({ sql: 'select 1 as a where false' })],
  [
    '9',
    "multipart filename*=UTF-8''bad%ZZ.csv",
    () => ({
      method: 'POST',
      headers: { ...auth, 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="files"; filename*=UTF-8\'\'bad%ZZ.csv\r\n\r\nx\r\n--b--\r\n'
    })
  ],
  ['10', 'customers CSV with 100,000 columns', () => file('wide.csv', wide, 'customers')],
  ['11', "an analyst undoes an admin's load", () => as(analyst), `/api/loads/${adminsLoad}/undo`],
  [
    '11',
    'a collector logs an activity as another collector',
    () => as(collector, { customer_id: ownCustomer, activity_date: '2026-06-30', channel: 'call', collector: other }),
    '/api/activities'
  ]
];
const paths: Record<string, string> = {
  '1': '/api/explore/query',
  '2': '/api/explore/query',
  '3': '/api/uploads/preview',
  '4': '/api/uploads',
  '5': '/api/session',
  '6': '/api/session',
  '8': '/api/explore/query',
  '9': '/api/uploads',
  '10': '/api/uploads'
};
console.log(`load average at start: ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
console.log('| # | case | requests | answers | time to answer (max) | server memory peak |\n|---|---|---|---|---|---|');
const only = process.argv.includes('--rows') ? process.argv[process.argv.indexOf('--rows') + 1]!.split(',') : null;
for (const [row, what, init, path] of cases.filter(([row]) => !only || only.includes(row))) {
  const inits = [init()].flat();
  const started = performance.now();
  const statuses = await Promise.all(
    inits.map((i) =>
      fetch(server.base + (path ?? paths[row]), i).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 0
      )
    )
  );
  const ms = performance.now() - started;
  const counts = Object.entries(statuses.reduce<Record<number, number>>((a, s) => ((a[s] = (a[s] ?? 0) + 1), a), {}))
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');
  console.log(`| ${row} | ${what} | ${inits.length} | ${counts} | ${(ms / 1000).toFixed(2)} s | ${Math.round(peakMb())} MB |`);
}

// row 7: SIGKILL while an upload is on the server's disk and loading, then a restart
if (!only || only.includes('7')) await killMidUpload();
await stopServer(server);
rmSync(dir, { recursive: true, force: true });

async function killMidUpload() {
  const form = new FormData();
  form.append('files', await openAsBlob(join(dir, 'big.csv')), 'big.csv');
  form.append('as', 'invoices');
  const uploadsDir = join(dir, 'uploads');
  const pending = () => (existsSync(uploadsDir) ? readdirSync(uploadsDir).filter((f) => existsSync(join(uploadsDir, f, '.pending'))) : []);
  let answered = '';
  void fetch(server.base + '/api/uploads', { method: 'POST', headers: auth, body: form }).then(
    (r) => (answered = String(r.status)),
    (e: Error) => (answered = e.message)
  );
  // kill once the whole file is on the server's disk (its rows load from there), as test/hardening-crash does
  const size = statSync(join(dir, 'big.csv')).size;
  const onDisk = () =>
    pending().some((f) => existsSync(join(uploadsDir, f, 'big.csv')) && statSync(join(uploadsDir, f, 'big.csv')).size === size);
  for (let i = 0; i < 1200 && !answered && !onDisk(); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  if (answered) console.error(`row 7: the upload answered (${answered}) before the kill`);
  const left = pending().length;
  server.kill('SIGKILL');
  await server.exited;
  const restarting = performance.now();
  server = await startServer(dir);
  const restartMs = performance.now() - restarting;
  const explored = (
    (await (await call('/api/explore/sources', { headers: auth })).json()) as { uploads: { file: string }[] }
  ).uploads.filter((u) => u.file.endsWith('big.csv')).length;
  const removed = server
    .log()
    .split('\n')
    .filter((line) => /^removed/.test(line));
  console.error(removed.join('\n'));
  const removedLines = removed.length;
  console.log(
    `| 7 | SIGKILL mid-upload (300,000 invoices loading), then restart | 1 | ${left} pending upload folder(s) before the kill, ${pending().length} after the restart; ${explored} listed by Explore; ${removedLines} removal(s) logged | restart ${(restartMs / 1000).toFixed(2)} s | ${Math.round(peakMb())} MB (new process) |`
  );
}
