// The server's own peak RSS on a database, as its users meet it: the server is started on the file
// (a start rebuilds the core tables when they are out of date), prepares the overview and the
// worklist (server/warm-up.ts), then answers a controller's and a collector's reads one after the
// other; after each, the process's peak RSS so far (VmHWM) and the read's time. Issue 12 item 5 asks
// peak RSS ≤ 2 GB at 10 M invoices: this is the figure for the process that serves them.
// Usage: npx tsx bench/server-memory.ts --db FILE [--limit 1.2GB] [--as-of YYYY-MM-DD]
// (the series and the period read are the generated ledgers' last two years and October 2026)
// (--limit sets RADAR_MEMORY_LIMIT; without it the server's default. The server may write to FILE:
// a rebuild when its models are out of date, the first start's admin user.)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    limit: { type: 'string' },
    'as-of': { type: 'string' },
    timeout: { type: 'string', default: '1800' }
  }
});
if (!values.db) throw new Error('--db FILE is required');

const token = `bench-${process.pid}-${Date.now()}`;
const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  env: {
    ...process.env,
    RADAR_DB: values.db,
    RADAR_API_TOKEN: token,
    PORT: '0',
    RADAR_READ_TIMEOUT_MS: String(Number(values.timeout) * 1000),
    RADAR_REQUEST_TIMEOUT_MS: String(Number(values.timeout) * 1000),
    ...(values.limit ? { RADAR_MEMORY_LIMIT: values.limit } : {})
  },
  stdio: ['ignore', 'pipe', 'pipe']
});

/** A memory figure of the server's /proc status (VmHWM: its peak RSS so far, VmRSS: now), in MB. */
const statusMb = (field: 'VmHWM' | 'VmRSS') =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024);
const peakMb = () => statusMb('VmHWM');
const rssMb = () => statusMb('VmRSS');
const started = performance.now();

// the address from the server's first line, then the warm-up's end
const { base, warmUpMs } = await new Promise<{ base: string; warmUpMs: number }>((resolve, reject) => {
  let address = '';
  let text = '';
  // the server writes its address to stdout and its log (the warm-up's end) to stderr
  const listen = (chunk: Buffer) => {
    text += chunk.toString();
    process.stderr.write(chunk);
    address ||= /on (http:\/\/[^\s]+)/.exec(text)?.[1] ?? '';
    if (address && /overview and worklist ready|could not prepare the overview/.test(text)) {
      resolve({ base: address, warmUpMs: performance.now() - started });
    }
  };
  server.stdout.on('data', listen);
  server.stderr.on('data', listen);
  server.on('exit', (code) => reject(new Error(`the server stopped (status ${code}) before it was ready`)));
});
process.stderr.write(`[server-memory] ready at ${base}\n`);
const atStart = { ready_ms: Math.round(warmUpMs), peak_rss_mb: peakMb(), rss_mb: rssMb() };

const asOf = values['as-of'] ? `as_of=${values['as-of']}` : '';
const get = async (path: string) => {
  const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  return body;
};

const worklistPage = JSON.parse(await get(`/api/worklist?limit=50&${asOf}`)) as { items: { customer_id: string }[] };
const firstCustomer = worklistPage.items[0]?.customer_id;
const reads: [string, string][] = [
  ['controller: review of the week', '/api/review'],
  ['controller: kpis', `/api/kpis?${asOf}`],
  ['controller: aging', `/api/aging?${asOf}`],
  ['controller: series of 104 weeks', `/api/series?grain=week&from=2024-11-24&to=2026-11-22`],
  ['controller: period', `/api/period?from=2026-10-01&to=2026-10-31`],
  ['collector: worklist page', `/api/worklist?limit=50&${asOf}`],
  ['collector: a customer', `/api/customers/${encodeURIComponent(firstCustomer ?? '')}`],
  ['collector: drift, every customer', `/api/drift?${asOf}`],
  ['controller: forecast of 13 weeks', `/api/forecast?weeks=13&${asOf}`]
];
const measured: { read: string; ms: number; bytes: number; peak_rss_mb: number }[] = [];
for (const [name, path] of reads) {
  const before = performance.now();
  const body = await get(path);
  measured.push({ read: name, ms: Math.round(performance.now() - before), bytes: body.length, peak_rss_mb: peakMb() });
  process.stderr.write(`[server-memory] ${name}: ${measured.at(-1)!.ms} ms, peak ${measured.at(-1)!.peak_rss_mb} MB\n`);
}
const peak = peakMb();
server.kill('SIGTERM');
process.stdout.write(
  JSON.stringify(
    { db: values.db, memory_limit: values.limit ?? 'default', start_and_warm_up: atStart, reads: measured, peak_rss_mb: peak },
    null,
    1
  ) + '\n'
);
