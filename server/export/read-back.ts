// Opens an export (server/export/parquet.ts) in a DuckDB of its own: every exported table becomes a
// view over its Parquet files, then the staging views and the marts' macros are created over them,
// so the same reports run without the database file. What a stateless reader of the Parquet export
// does (docs/scaling.md); the export's test uses it to check the KPIs against the database's.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { applyReadModels, currentModelsFingerprint } from '../models.ts';
import { ExportError, type ExportManifest } from './parquet.ts';

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

export function readManifest(dir: string): ExportManifest {
  return JSON.parse(readFileSync(join(resolve(dir), 'manifest.json'), 'utf8')) as ExportManifest;
}

/** The FROM clause that reads one exported table as it was (the Hive year and month columns left out). */
export function exportedTableSql(dir: string, table: ExportManifest['tables'][number]): string {
  const path = join(resolve(dir), table.layer, table.table);
  return table.partitioned_by
    ? `(select * exclude (year, month) from read_parquet(${quote(join(path, '**', '*.parquet'))}, hive_partitioning = true))`
    : `read_parquet(${quote(join(path, 'data_0.parquet'))})`;
}

/**
 * Views named as the tables were, except the marts' tables (marts are macros again, over the core views).
 * Only an export built by these models: today's marts over core tables another version made (other
 * columns, other facts) would fail or, worse, answer wrong figures.
 */
export async function attachExport(connection: DuckDBConnection, dir: string): Promise<ExportManifest> {
  const manifest = readManifest(dir);
  const ours = currentModelsFingerprint();
  if (manifest.models !== ours) {
    throw new ExportError(
      `${dir} was exported by another version of the models (${manifest.models ? `fingerprint ${manifest.models}` : 'before exports recorded theirs'}; this version's is ${ours}): export it again with this version`
    );
  }
  for (const table of manifest.tables) {
    const name = table.layer === 'marts' ? `exported_${table.table}` : table.table;
    await connection.run(`create or replace view ${name} as select * from ${exportedTableSql(dir, table)}`);
  }
  await applyReadModels(connection);
  return manifest;
}
