// `export --to DIR`: the canonical, seed, core and mart tables as Parquet files, each table with a
// date partitioned Hive-style by year and month of its first date column (DIR/core/daily_positions/
// year=2025/month=3/data_0.parquet), so another DuckDB (or any engine reading Parquet) can open the
// ledger without this database file: server/export/read-back.ts, docs/scaling.md.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, queryRows } from '../db.ts';
import { CANONICAL_TABLES } from '../ingest/index.ts';
import { coreTableNames, seedTableNames } from '../models.ts';

export type ExportLayer = 'canonical' | 'seeds' | 'core' | 'marts';

export interface ExportedTable {
  layer: ExportLayer;
  table: string;
  /** the date column partitioned on, or null for a table written as one file */
  partitioned_by: string | null;
  rows: number;
  files: number;
}

export interface ExportManifest {
  exported_at: string;
  format: 'parquet';
  partitioning: 'hive year/month';
  first_date: string | null;
  last_date: string | null;
  /** the fingerprint of the models that built the core tables (model_builds): a reader checks it is its own */
  models: string;
  tables: ExportedTable[];
}

/**
 * Answers of the marts kept as tables: every ISO week and calendar month of the ledger. The marts
 * that take a single as-of date (drift, worklist ...) are not tables of their own.
 */
const MART_TABLES: { name: string; sql: string }[] = [
  { name: 'kpis_by_week', sql: "select * from kpis($1::date, $2::date, 'week', 90)" },
  { name: 'kpis_by_month', sql: "select * from kpis($1::date, $2::date, 'month', 90)" },
  { name: 'period_kpis_by_week', sql: "select * from period_kpis($1::date, $2::date, 'week')" },
  { name: 'period_kpis_by_month', sql: "select * from period_kpis($1::date, $2::date, 'month')" },
  { name: 'aging_by_month', sql: "select * from aging_by_period($1::date, $2::date, 'month')" }
];

export class ExportError extends Error {}

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

/**
 * Writes the export into a fresh folder beside DIR and renames it to DIR at the end, so DIR is
 * never half written. DIR must not exist or be empty. One transaction: every table is the same
 * snapshot of the database, whatever loads run meanwhile.
 */
export async function exportParquet(connection: DuckDBConnection, dir: string): Promise<ExportManifest> {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new ExportError(`${dir} is not empty; export writes into a new or empty folder`);
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    const manifest = await inTransaction(connection, async () => {
      const [bounds] = await queryRows<{ first_date: string | null; last_date: string | null }>(
        connection,
        'select first_date, last_date from ledger_bounds()'
      );
      const [build] = await queryRows<{ sql_fingerprint: string }>(connection, 'select sql_fingerprint from model_builds');
      const existing = new Set(
        (await queryRows<{ name: string }>(connection, 'select table_name as name from duckdb_tables() where not temporary')).map(
          (r) => r.name
        )
      );
      const tables: ExportedTable[] = [];
      const sources: [ExportLayer, string, string, string[]][] = [
        ...CANONICAL_TABLES.filter((t) => existing.has(t)).map((t): [ExportLayer, string, string, string[]] => [
          'canonical',
          t,
          `select * from ${t}`,
          []
        ]),
        ...seedTableNames().map((t): [ExportLayer, string, string, string[]] => ['seeds', t, `select * from ${t}`, []]),
        ...coreTableNames().map((t): [ExportLayer, string, string, string[]] => ['core', t, `select * from ${t}`, []])
      ];
      if (bounds!.first_date && bounds!.last_date) {
        for (const mart of MART_TABLES) sources.push(['marts', mart.name, mart.sql, [bounds!.first_date, bounds!.last_date]]);
      }
      for (const [layer, table, sql, params] of sources) {
        tables.push(await writeTable(connection, join(staging, layer, table), layer, table, sql, params));
      }
      return {
        exported_at: new Date().toISOString(),
        format: 'parquet' as const,
        partitioning: 'hive year/month' as const,
        first_date: bounds!.first_date,
        last_date: bounds!.last_date,
        models: build?.sql_fingerprint ?? '',
        tables
      };
    });
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(staging, target);
    return manifest;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

async function writeTable(
  connection: DuckDBConnection,
  path: string,
  layer: ExportLayer,
  table: string,
  sql: string,
  params: string[]
): Promise<ExportedTable> {
  const shape = await connection.runAndReadAll(`select * from (${sql}) limit 0`, params);
  const types = shape.columnTypes().map(String);
  const [{ n }] = await queryRows<{ n: string }>(connection, `select count(*) as n from (${sql})`, params);
  // an empty table is one file, so that its columns and types are still there to read
  const dateColumn = Number(n) > 0 ? (shape.columnNames()[types.indexOf('DATE')] ?? null) : null;
  mkdirSync(dirname(path), { recursive: true });
  let written;
  if (dateColumn) {
    // a row without the date (none in today's models) goes to year=0/month=0 rather than nowhere
    const partitioned = `select *, coalesce(year("${dateColumn}"), 0) as year, coalesce(month("${dateColumn}"), 0) as month from (${sql})`;
    [written] = await queryRows<{ Count: string }>(
      connection,
      `copy (${partitioned}) to ${quote(path)} (format parquet, partition_by (year, month), compression zstd)`,
      params
    );
  } else {
    mkdirSync(path, { recursive: true });
    [written] = await queryRows<{ Count: string }>(
      connection,
      `copy (${sql}) to ${quote(join(path, 'data_0.parquet'))} (format parquet, compression zstd)`,
      params
    );
  }
  return { layer, table, partitioned_by: dateColumn, rows: Number(written?.Count ?? 0), files: countParquet(path) };
}

function countParquet(path: string): number {
  if (!existsSync(path)) return 0;
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.parquet')).length;
}
