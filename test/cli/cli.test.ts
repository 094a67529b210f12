// The CLI exactly as interface.md drives it: `npm run --silent cli -- COMMAND ... --db PATH --json`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IBM_SAMPLE } from '../../support/shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'radar-cli-'));
const db = join(dir, 'cli.duckdb');

function cli(...args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['server/cli.ts', ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' }
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  const ingest = cli('ingest', IBM_SAMPLE, '--json');
  expect(ingest.stderr).toBe('');
  expect(ingest.status).toBe(0);
  expect(JSON.parse(ingest.stdout)).toEqual({ loaded: { invoices: 2466, payments: 2466 }, rejected: [] });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli', () => {
  it('prints exactly one JSON document for kpis, through npm run as the contract says', () => {
    const result = spawnSync('npm', ['run', '--silent', 'cli', '--', 'kpis', '--as-of', '2013-06-30', '--json', '--db', db], {
      encoding: 'utf8'
    });
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    // the contract's fields, then the reporting currency and the per-currency breakdown beside them
    expect(Object.keys(report)).toEqual([
      'as_of',
      'window_days',
      'ar',
      'current_ar',
      'past_due_ar',
      'sales',
      'dso',
      'bpdso',
      'add',
      'countback_dso',
      'past_due_share',
      'currency',
      'by_currency'
    ]);
    expect(report).toMatchObject({
      as_of: '2013-06-30',
      window_days: 90,
      ar: 5119.85,
      current_ar: 4284.29,
      past_due_ar: 835.56,
      sales: 19903.7
    });
  });

  it('answers period, aging and series with the fields of interface.md', () => {
    const period = JSON.parse(cli('period', '--from', '2013-06-01', '--to', '2013-06-30', '--json').stdout);
    expect(Object.keys(period)).toEqual([
      'from',
      'to',
      'cei',
      'cash_collected',
      'cost_per_dollar',
      'write_off_ratio',
      'dispute_rate',
      'days_to_resolve',
      'promise_kept_rate',
      'recovery',
      'currency'
    ]);
    expect(period.recovery.map((r: { bucket: string }) => r.bucket)).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '120+']);
    const aging = JSON.parse(cli('aging', '--as-of', '2013-06-30', '--json').stdout);
    expect(aging.total).toBe(5119.85);
    const series = JSON.parse(cli('series', '--from', '2013-01-07', '--to', '2013-03-31', '--grain', 'week', '--json').stdout);
    expect(series.grain).toBe('week');
    expect(series.points).toHaveLength(12);
    expect(series.points[0]).toMatchObject({ from: '2013-01-07', to: '2013-01-13', as_of: '2013-01-13' });
  });

  it('defaults the period to the last complete ISO week of the ledger', () => {
    // the latest invoice is dated Monday 2013-12-02 (settlements run on to 2014-01-09): the last
    // complete week on or before it is Mon 2013-11-25 .. Sun 2013-12-01
    expect(JSON.parse(cli('period', '--json').stdout)).toMatchObject({ from: '2013-11-25', to: '2013-12-01' });
  });

  it('exits 1 with a reason naming the parameter for a bad value', () => {
    const result = cli('kpis', '--as-of', '2023-02-30', '--json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--as-of: is not a calendar date/);
  });

  it('exits 2 on a usage error', () => {
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('kpis', '--as-of').status).toBe(2);
    expect(cli('kpis', '--bogus', 'x').status).toBe(2);
  });

  it('exits 1 naming file, row and column when a file has a bad row, and loads nothing of it', () => {
    const bad = join(dir, 'bad-invoices.csv');
    writeFileSync(
      bad,
      'invoice_id,customer_id,invoice_date,due_date,amount\nX1,C1,2024-01-01,2024-01-31,100.00\nX2,C1,2024-01-02,2024-01-31,abc\n'
    );
    const result = cli('ingest', bad, '--json');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad-invoices\.csv, row 3, column amount/);
    expect(JSON.parse(result.stdout).loaded).toEqual({});
    // nothing of the file stayed: AR at its date is still the IBM sample's only
    expect(JSON.parse(cli('kpis', '--as-of', '2024-01-05', '--json').stdout).ar).toBe(0);
  });
});
