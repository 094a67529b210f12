// `npm run bench`: the metrics engine on generated ledgers of 1 M and 10 M invoices.
// Usage: npm run bench -- [--sizes 1000000,10000000] [--reps 5] [--out bench/out] [--no-write]
// Each size runs in its own process (bench/scale.ts) so its peak RSS is its own; results are
// written to docs/benchmarks.md with the machine they were measured on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLedger } from '../data/generator/index.ts';
import { renderBenchmarks, withHandNotes, type SizeResult } from './report.ts';

const BENCHMARKS_PAGE = 'docs/benchmarks.md';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,10000000' },
    reps: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench/out' },
    'no-write': { type: 'boolean', default: false }
  }
});
const sizes = values.sizes.split(',').map(Number);
const out = resolve(values.out);
mkdirSync(out, { recursive: true });

const machine = {
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}`,
  memory_gb: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  load_average_at_start: loadavg()
    .map((x) => x.toFixed(1))
    .join(' '),
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
};

const results: SizeResult[] = [];
for (const invoices of sizes) {
  const dir = join(out, `ledger-${invoices}`);
  const marker = join(dir, 'complete.json');
  if (!existsSync(marker)) {
    process.stderr.write(`generating ${invoices} invoices into ${dir} ...\n`);
    const ledger = await generateLedger({ out: dir, invoices });
    writeFileSync(marker, JSON.stringify(ledger.summary));
  }
  process.stderr.write(`measuring ${invoices} invoices ...\n`);
  // a scan of 10 M balances takes seconds: check the last 13 weeks there, every week below 2 M
  const naivePoints = invoices > 2_000_000 ? '13' : '104';
  const args = [
    'tsx',
    'bench/scale.ts',
    '--dir',
    dir,
    '--db',
    join(out, `bench-${invoices}.duckdb`),
    '--reps',
    values.reps,
    '--naive-points',
    naivePoints
  ];
  const json = execFileSync('npx', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024
  });
  results.push({ size: invoices, ...JSON.parse(json.trim().split('\n').pop()!) });
}

const markdown = renderBenchmarks(machine, results, `npm run bench -- --sizes ${values.sizes} --reps ${values.reps}`, readDuckdbVersion());
const page = withHandNotes(markdown, existsSync(BENCHMARKS_PAGE) ? readFileSync(BENCHMARKS_PAGE, 'utf8') : null);
if (!values['no-write']) writeFileSync(BENCHMARKS_PAGE, page);
process.stdout.write(markdown);

function readDuckdbVersion(): string {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  return lock.packages['node_modules/@duckdb/node-api']?.version ?? 'unknown';
}
