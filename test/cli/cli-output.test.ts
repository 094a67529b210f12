// What the CLI prints and how it ends: a 10 MB document whole through a pipe read slowly, readable
// text for every report, a database that is missing or empty refused without creating anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDatabase } from '../../support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'radar-cli-output-'));
const db = join(dir, 'ledger.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TSX = 'node_modules/.bin/tsx';
function cli(...args: string[]) {
  const result = spawnSync(TSX, ['server/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A reader that takes 4 KB, sleeps 2 ms, and again, as a program busy with each chunk would.
const SLOW_READER = `
import json, os, subprocess, sys, time
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
chunks = []
while True:
    chunk = os.read(child.stdout.fileno(), 4096)
    if not chunk:
        break
    chunks.append(chunk)
    time.sleep(0.002)
status = child.wait()
data = b''.join(chunks)
try:
    parsed = json.loads(data)
    last = parsed['rows'][-1]['i'] if 'rows' in parsed else None
    print(json.dumps({'status': status, 'bytes': len(data), 'parsed': True, 'last': last, 'keys': sorted(parsed.keys())}))
except ValueError as error:
    print(json.dumps({'status': status, 'bytes': len(data), 'parsed': False, 'error': str(error)}))
`;

function readSlowly(command: string[]) {
  const result = spawnSync('python3', ['-c', SLOW_READER, ...command], { encoding: 'utf8', maxBuffer: 1 << 20 });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

// Two customers, each with invoices past due at 2025-03-31 (the worklist's items, with reasons and invoices):
//   C1: 1,000.00 due 2025-01-31 (59 days past due), 500.00 due 2025-03-15 (16 days)
//   C2: 2,000.00 due 2025-02-28 (31 days past due)
beforeAll(async () => {
  await (
    await ledgerDatabase(
      {
        customers: [
          { customer_id: 'C1', name: 'One Ltd', collector: 'Ann' },
          { customer_id: 'C2', name: 'Two Ltd', collector: 'Bob' }
        ],
        invoices: [
          { invoice_id: 'A', customer_id: 'C1', invoice_date: '2025-01-01', due_date: '2025-01-31', amount: 1000 },
          { invoice_id: 'B', customer_id: 'C1', invoice_date: '2025-02-13', due_date: '2025-03-15', amount: 500 },
          { invoice_id: 'C', customer_id: 'C2', invoice_date: '2025-01-29', due_date: '2025-02-28', amount: 2000 }
        ]
      },
      db
    )
  ).close();
});

describe('a big document through a slow pipe', () => {
  it('arrives whole: 10 MB, parseable, through the CLI runner every command uses', () => {
    const got = readSlowly([TSX, 'test/helpers/big-output-cli.ts', 'big', '--mb', '10', '--json', '--db', join(dir, 'big.duckdb')]);
    // 10 × 1024 × 1024 / 100 = 104,858 rows, numbered from 0
    expect(got).toMatchObject({ status: 0, parsed: true, last: 104_857 });
    expect(got.bytes).toBeGreaterThan(10 * 1024 * 1024);
  }, 180_000);

  it('a real report read the same way is whole too', () => {
    const got = readSlowly(['npm', 'run', '--silent', 'cli', '--', 'worklist', '--as-of', '2025-03-31', '--json', '--db', db]);
    expect(got).toMatchObject({ status: 0, parsed: true });
    // the contract's fields, with what the report adds beside them (currency, paging)
    expect(got.keys).toEqual(expect.arrayContaining(['as_of', 'items']));
  }, 120_000);
});

// A reader that takes the first 200 bytes and closes the pipe, as `| head -c 200` does.
const EARLY_LEAVER = `
import subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
first = child.stdout.read(200)
child.stdout.close()
status = child.wait()
print(status)
sys.stdout.write(child.stderr.read().decode())
`;

describe('a reader that leaves before the end (| head)', () => {
  it('ends the CLI quietly: status 0, nothing on standard error', () => {
    const result = spawnSync(
      'python3',
      ['-c', EARLY_LEAVER, TSX, 'test/helpers/big-output-cli.ts', 'big', '--mb', '2', '--json', '--db', join(dir, 'big-head.duckdb')],
      { encoding: 'utf8' }
    );
    expect(result.stderr).toBe('');
    const [status, ...stderr] = result.stdout.split('\n');
    expect(stderr.join('\n')).toBe('');
    expect(status).toBe('0');
  }, 120_000);
});

describe('text output', { timeout: 240_000 }, () => {
  it('worklist: an aligned table of its items, reasons and invoices listed under each', () => {
    const { status, stdout } = cli('worklist', '--as-of', '2025-03-31', '--db', db);
    expect(status).toBe(0);
    expect(stdout).not.toContain('[object Object]');
    const lines = stdout.split('\n');
    // names are padded to the longest top-level name (currency, total ... sit beside the contract's fields)
    expect(lines[0]).toMatch(/^as_of +2025-03-31$/);
    const items = lines.indexOf('items (2):');
    expect(items).toBeGreaterThan(0);
    const header = lines[items + 1]!;
    expect(header).toMatch(/^ {2}customer_id {2}priority {2}open_balance {2}past_due_balance/);
    // the rows line up under the header: each value ends where its column's name ends (numbers) or starts there (text)
    const row = lines.find((line) => line.startsWith('  C1 '))!;
    expect(row.slice(header.indexOf('open_balance'), header.indexOf('open_balance') + 'open_balance'.length).trim()).toBe('1500');
    expect(row.slice(header.indexOf('past_due_balance'), header.indexOf('past_due_balance') + 'past_due_balance'.length).trim()).toBe(
      '1500'
    );
    expect(stdout).toMatch(/\n {6}reasons:\n {8}- 1,500\.00 past due on 2 invoices, the oldest 59 days past due/);
    expect(stdout).toMatch(/\n {6}invoices \(2\):\n {8}invoice_id +due_date +(currency +)?balance +days_past_due/);
    expect(stdout).toMatch(/\n {8}A +2025-01-31 +(USD +)?1000 +59 /);
  });

  it('drift: one row per customer with its reasons under it', () => {
    const { status, stdout } = cli('drift', '--as-of', '2025-03-31', '--db', db);
    expect(status).toBe(0);
    expect(stdout).not.toContain('[object Object]');
    expect(stdout.split('\n')[0]).toBe('as_of  2025-03-31');
  });

  it('aging and kpis: name and value per line, buckets as a table', () => {
    const aging = cli('aging', '--as-of', '2025-03-31', '--db', db);
    expect(aging.status).toBe(0);
    expect(aging.stdout).toMatch(/^as_of +2025-03-31\nbuckets \(\d+\):\n {2}bucket +balance +invoices\n/);
    // 1-30: B (16 days) 500.00; 31-60: C (31 days) 2,000.00 and A (59 days) 1,000.00
    expect(aging.stdout).toMatch(/\n {2}1-30 +500 +1\n/);
    expect(aging.stdout).toMatch(/\n {2}31-60 +3000 +2\n/);
    expect(cli('kpis', '--as-of', '2025-03-31', '--db', db).stdout).toMatch(/\nar +3500\n/);
  });
});

describe('a database that is missing or empty', { timeout: 240_000 }, () => {
  it('a report on a missing file: one line on stderr, exit 1, nothing created', () => {
    const missing = join(dir, 'nowhere', 'radar.duckdb');
    const result = cli('kpis', '--json', '--db', missing);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: database ${missing} does not exist (nothing was created); load data first: npm run --silent cli -- ingest FILE... --db ${missing}\n`
    );
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('a report on a database without invoices says it is empty; ingest creates one', () => {
    const path = join(dir, 'rates-only.duckdb');
    const rates = new URL('../fixtures/fx/eurofxref.csv', import.meta.url).pathname;
    const ingest = cli('ingest', rates, '--as', 'fx_rates', '--json', '--db', path);
    expect(ingest.status).toBe(0);
    expect(JSON.parse(ingest.stdout)).toEqual({ loaded: { fx_rates: 29 }, rejected: [] });
    const result = cli('aging', '--db', path);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: database ${path} is empty: no invoices are loaded; load data first: npm run --silent cli -- ingest FILE... --db ${path}\n`
    );
  });
});
