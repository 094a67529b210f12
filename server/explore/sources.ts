// What Explore can query: the models (canonical tables, staging views, core tables, a few marts as
// ready-made queries) with their columns, and the uploaded files with a path for read_csv/read_parquet.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Database } from '../db.ts';
import { PRIVATE_TABLES } from './guard.ts';
import { isPending } from '../uploads-folder.ts';

export interface SourceColumn {
  name: string;
  type: string;
}
export interface ModelSource {
  name: string;
  kind: 'table' | 'view' | 'mart';
  columns: SourceColumn[];
}
export interface UploadSource {
  file: string;
  query_path: string;
}

/** Marts as queries at the ledger's last date: a name that can stand after FROM as written. */
const MART_QUERIES = [
  'aging((select default_as_of from ledger_bounds()))',
  'customer_balances((select default_as_of from ledger_bounds()))',
  'open_invoices((select default_as_of from ledger_bounds()))',
  'drift((select default_as_of from ledger_bounds()))',
  'ledger_bounds()'
];
/** Bookkeeping tables that say nothing about receivables. */
const HIDDEN = new Set(['model_builds', 'demo_loads', ...PRIVATE_TABLES]);

export async function listModels(db: Database): Promise<ModelSource[]> {
  const columns = await db.read<{ table_name: string; kind: string; column_name: string; data_type: string }>(
    `select c.table_name, case when v.view_name is null then 'table' else 'view' end as kind, c.column_name, c.data_type
     from duckdb_columns() as c
     left join duckdb_views() as v on v.database_name = c.database_name and v.schema_name = c.schema_name and v.view_name = c.table_name
     where c.database_name = current_database() and c.schema_name = 'main' and not c.internal
     order by c.table_name, c.column_index`
  );
  const models = new Map<string, ModelSource>();
  for (const row of columns) {
    if (HIDDEN.has(row.table_name)) continue;
    const model = models.get(row.table_name) ?? { name: row.table_name, kind: row.kind as 'table' | 'view', columns: [] };
    model.columns.push({ name: row.column_name, type: row.data_type });
    models.set(row.table_name, model);
  }
  for (const query of MART_QUERIES) {
    const described = await db.read<{ column_name: string; column_type: string }>(`describe select * from ${query}`).catch(() => null);
    if (described)
      models.set(query, { name: query, kind: 'mart', columns: described.map((c) => ({ name: c.column_name, type: c.column_type })) });
  }
  return [...models.values()];
}

export function listUploads(uploadsDir: string): UploadSource[] {
  const files: UploadSource[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      // an upload still being received or loaded (or killed midway) is not a source yet
      if (stat?.isDirectory() && depth < 3 && !isPending(path)) walk(path, depth + 1);
      else if (stat?.isFile()) files.push({ file: relative(uploadsDir, path), query_path: path });
    }
  };
  walk(uploadsDir, 0);
  return files;
}
