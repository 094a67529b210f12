// `export --to DIR`: the tables as Hive-partitioned Parquet, read back by a DuckDB of its own
// (server/export/read-back.ts) with the same KPIs, aging and series as the database.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/db.ts';
import { attachExport, exportedTableSql, readManifest } from '../../server/export/read-back.ts';
import { currentModelsFingerprint } from '../../server/models.ts';
import { connectionReader } from '../../server/queries/reader.ts';
import * as reports from '../../server/queries/reports.ts';
import { ledgerDatabase } from '../../support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'radar-export-'));
const dbPath = join(dir, 'ledger.duckdb');
const out = join(dir, 'export');

// Two invoices in two months and one part payment:
//   A  2025-01-10, due 2025-02-09, 1,000.00; paid 600.00 on 2025-02-20
//   B  2025-02-15, due 2025-03-17,   500.00
// at 2025-02-28 (window 90 days: 2024-12-01 … 2025-02-28):
//   AR = 1000 − 600 + 500 = 900; A is past due (400), B current (500): current AR = 500
//   sales = 1500; DSO = 900 / 1500 × 90 = 54; BPDSO = 500 / 1500 × 90 = 30; past-due share = 400 / 900
const ledger = {
  customers: [{ customer_id: 'C1', name: 'One' }],
  invoices: [
    { invoice_id: 'A', customer_id: 'C1', invoice_date: '2025-01-10', due_date: '2025-02-09', amount: 1000 },
    { invoice_id: 'B', customer_id: 'C1', invoice_date: '2025-02-15', due_date: '2025-03-17', amount: 500 }
  ],
  payments: [{ payment_id: 'P1', invoice_id: 'A', payment_date: '2025-02-20', amount: 600 }]
};

let back: DuckDBConnection;
let instance: DuckDBInstance;

/** Each CLI call is a process of its own (a few seconds; far more on a machine shared by a team). */
const CLI_TIMEOUT = 240_000;

function cli(...args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['server/cli.ts', ...args, '--db', dbPath], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' }
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  (await ledgerDatabase(ledger, dbPath)).close();
  const exported = cli('export', '--to', out, '--json');
  expect(exported.stderr).toBe('');
  expect(exported.status).toBe(0);
  instance = await DuckDBInstance.create(':memory:');
  back = await instance.connect();
  await attachExport(back, out);
}, 4 * CLI_TIMEOUT);

afterAll(() => {
  back?.closeSync();
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('export --to DIR', () => {
  it('partitions every table with a date by year and month of its first date column', () => {
    expect(readdirSync(join(out, 'canonical', 'invoices')).sort()).toEqual(['year=2025']);
    expect(readdirSync(join(out, 'canonical', 'invoices', 'year=2025')).sort()).toEqual(['month=1', 'month=2']);
    expect(existsSync(join(out, 'core', 'daily_positions', 'year=2025', 'month=2'))).toBe(true);
    // customers has no date: one file
    expect(readdirSync(join(out, 'canonical', 'customers'))).toEqual(['data_0.parquet']);
    const manifest = readManifest(out);
    expect(manifest.tables.find((t) => t.table === 'invoices')).toMatchObject({
      layer: 'canonical',
      partitioned_by: 'invoice_date',
      rows: 2
    });
    expect(manifest.tables.find((t) => t.table === 'invoice_flows')).toMatchObject({ layer: 'core', rows: 3 });
    expect(manifest.tables.map((t) => t.layer)).toEqual(expect.arrayContaining(['canonical', 'seeds', 'core', 'marts']));
  });

  it(
    'reads back with the KPIs worked out by hand, as the database answers them',
    async () => {
      const fromParquet = await reports.kpis(connectionReader(back), { as_of: '2025-02-28', window: 90 });
      expect(fromParquet).toMatchObject({ ar: 900, current_ar: 500, past_due_ar: 400, sales: 1500, dso: 54, bpdso: 30 });
      expect(fromParquet.past_due_share).toBeCloseTo(400 / 900, 12);
      const live = cli('kpis', '--as-of', '2025-02-28', '--json');
      expect(JSON.parse(live.stdout)).toEqual(fromParquet);
    },
    CLI_TIMEOUT
  );

  it(
    'reads back the same aging and weekly series as the database',
    async () => {
      const aging = JSON.parse(cli('aging', '--as-of', '2025-02-28', '--json').stdout);
      expect(await reports.aging(connectionReader(back), { as_of: '2025-02-28' })).toEqual(aging);
      const series = JSON.parse(cli('series', '--from', '2025-01-01', '--to', '2025-03-31', '--grain', 'week', '--json').stdout);
      expect(await reports.series(connectionReader(back), { from: '2025-01-01', to: '2025-03-31', grain: 'week', window: 90 })).toEqual(
        series
      );
    },
    CLI_TIMEOUT
  );

  it('keeps the marts as tables: the month of February has the hand-worked AR', async () => {
    const manifest = readManifest(out);
    const table = manifest.tables.find((t) => t.table === 'kpis_by_month')!;
    const [february] = await queryRows(
      back,
      `select ar::double as ar, current_ar::double as current_ar from ${exportedTableSql(out, table)} where as_of = date '2025-02-28'`
    );
    expect(february).toEqual({ ar: 900, current_ar: 500 });
  });

  it(
    'refuses a folder that is not empty, and leaves it as it was (exit 1)',
    () => {
      const busy = join(dir, 'busy');
      mkdirSync(busy);
      writeFileSync(join(busy, 'keep.txt'), 'mine');
      const result = cli('export', '--to', busy, '--json');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/busy is not empty/);
      expect(readdirSync(busy)).toEqual(['keep.txt']);
    },
    CLI_TIMEOUT
  );

  it('records the models that built it, and a reader of other models refuses it in words rather than misreading its tables', async () => {
    expect(readManifest(out).models).toBe(currentModelsFingerprint());
    const attach = async (manifest: Record<string, unknown>) => {
      const copy = mkdtempSync(join(dir, 'other-'));
      cpSync(out, copy, { recursive: true });
      writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      try {
        await attachExport(connection, copy);
        return 'attached';
      } catch (error) {
        return String(error);
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    };
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(await attach(manifest)).toBe('attached');
    expect(await attach({ ...manifest, models: '0123456789abcdef' })).toMatch(
      new RegExp(
        `was exported by another version of the models \\(fingerprint 0123456789abcdef; this version's is ${currentModelsFingerprint()}\\): export it again with this version$`
      )
    );
    const { models: _left, ...older } = manifest;
    expect(await attach(older)).toMatch(/another version of the models \(before exports recorded theirs; this version's is [0-9a-f]{16}\)/);
  });
});
