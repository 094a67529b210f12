// inspectFile: what the upload page shows before loading. Reads the file, writes nothing.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import { rm } from 'node:fs/promises';
import { prepareFile, firstLine, type Preparation } from './prepare.ts';
import { parseOptions } from './load.ts';
import { createValueMacros } from './value-sql.ts';
import { firstRowsSql, sourceSql } from './source-sql.ts';
import { sourceColumn } from './names.ts';
import { badRowRejections } from './bad-rows.ts';
import { SHAPE_FIELDS } from './shapes.ts';
import type { FileInspection, IngestOptions, SourceFile } from './types.ts';

const PREVIEW_ROWS = 10;

export async function inspectFile(connection: DuckDBConnection, file: SourceFile, options: IngestOptions = {}): Promise<FileInspection> {
  const opts = parseOptions(options);
  await createValueMacros(connection);
  const preparation = await prepareFile(connection, file, opts, 0);
  try {
    return await describe(connection, file, preparation);
  } finally {
    if (preparation.temporaryDir) await rm(preparation.temporaryDir, { recursive: true, force: true });
  }
}

async function describe(connection: DuckDBConnection, file: SourceFile, preparation: Preparation): Promise<FileInspection> {
  const source = preparation.source;
  const inspection: FileInspection = {
    file: file.name,
    format: source?.format ?? 'csv',
    shape: preparation.shape,
    mapping: {},
    unmappedHeaders: [],
    dateFormats: {},
    preview: [],
    previewRows: [],
    cellProblems: [],
    missingFields: [],
    wideCurrencyColumns: [],
    problems: preparation.rejections.map((r) => r.reason)
  };
  if (preparation.shape) {
    inspection.missingFields = Object.entries(SHAPE_FIELDS[preparation.shape])
      .filter(([field, spec]) => spec.required && !(field in preparation.fields))
      .map(([field]) => field);
  }
  if (!source) return inspection;
  if (source.delimiter) inspection.delimiter = source.delimiter;
  // a wide rates file's currency columns are all loaded, though no single one fills a field
  const mapped = new Set([...Object.values(preparation.fields), ...(preparation.wide?.currencies.map((c) => c.index) ?? [])]);
  for (const [field, index] of Object.entries(preparation.fields)) {
    if (index < source.headers.length) inspection.mapping[field] = source.headers[index]!;
  }
  inspection.unmappedHeaders = source.headers.filter((h, i) => !mapped.has(i) && !(preparation.wide && h === ''));
  inspection.wideCurrencyColumns = preparation.wide?.currencies.map((c) => source.headers[c.index]!) ?? [];
  for (const [field, format] of preparation.dateFormats) {
    inspection.dateFormats[source.headers[preparation.fields[field]!]!] = format;
  }
  try {
    const from = sourceSql(source, { ignore: true });
    const columns = source.headers.map((_, i) => sourceColumn(i)).join(', ');
    const rows = await queryRows<Record<string, string | null>>(
      connection,
      `select __row::integer as __row, ${columns} from ${firstRowsSql(source, { ignore: true }, PREVIEW_ROWS)} order by __row`,
      [source.path]
    );
    inspection.preview = rows.map((row) => Object.fromEntries(source.headers.map((h, i) => [h, row[sourceColumn(i)] ?? null])));
    inspection.previewRows = rows.map((row) => Number(row.__row));
    // the rows shown go through the load's own row checks: the cells it would reject, with its reasons
    if (preparation.prepared) {
      const wideRows = Math.max(1, preparation.wide?.currencies.length ?? 1);
      inspection.cellProblems = (
        await badRowRejections(connection, preparation.prepared, PREVIEW_ROWS * wideRows * 20, PREVIEW_ROWS)
      ).rejections;
    }
    const [count] = await queryRows<{ n: string }>(connection, `select count(*) as n from ${from}`, [source.path]);
    inspection.rowCount = Number(count!.n);
  } catch (error) {
    inspection.problems.push(`cannot read the file: ${firstLine(error)}`);
  }
  return inspection;
}
