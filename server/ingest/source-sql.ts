// The SQL that reads one file as text: every column VARCHAR under a positional name (c0, c1 ...)
// plus `__row`, the row a person sees. Only the path is user input, and it goes in as a parameter.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import { sourceColumn } from './names.ts';
import type { Delimiter, Sniffed } from './sniff.ts';

export interface Source {
  format: 'csv' | 'parquet';
  path: string;
  headers: string[];
  delimiter?: Delimiter;
  encoding?: 'utf-8' | 'latin-1';
}

/**
 * Malformed CSV lines: skipped silently (sample passes) or kept in a temp table for the report.
 * `sample`: the query reads only the first rows, so small read buffers make it stop early.
 */
export type BadLines = { ignore: true; sample?: boolean } | { storeIn: { rejects: string; scans: string } };

const DELIMITER_SQL: Record<Delimiter, string> = { ',': "','", ';': "';'", '\t': "'\t'", '|': "'|'" };

/**
 * CSV row numbers: the header is row 1 and record k is row k + 1. With quoted newlines a record spans
 * several lines and the number is the record's, as a spreadsheet shows it; blank lines are skipped
 * by the reader and not counted. Parquet has no header: record k (from 1) is row k.
 */
export function sourceSql(source: Source, badLines: BadLines): string {
  const names = source.headers.map((_, i) => sourceColumn(i));
  if (source.format === 'parquet') {
    const casts = names.map((name) => `${name}::varchar as ${name}`).join(', ');
    return `(select file_row_number + 1 as __row, ${casts}
      from read_parquet($1, file_row_number = true) as p(${names.join(', ')}))`;
  }
  const columns = names.map((name) => `'${name}': 'varchar'`).join(', ');
  const rejects = 'storeIn' in badLines
    ? `store_rejects = true, rejects_table = '${badLines.storeIn.rejects}', rejects_scan = '${badLines.storeIn.scans}'`
    : `ignore_errors = true${badLines.sample ? ', buffer_size = 1048576' : ''}`;
  return `(select row_number() over () + 1 as __row, *
    from read_csv($1, columns = {${columns}}, header = true, auto_detect = false,
      delim = ${DELIMITER_SQL[source.delimiter ?? ',']}, quote = '"', escape = '"',
      encoding = '${source.encoding ?? 'utf-8'}', ${rejects}))`;
}

/** Build the Source of a sniffed file; Parquet's column names come from its own schema. */
export async function describeSource(connection: DuckDBConnection, path: string, sniffed: Sniffed): Promise<Source> {
  if (sniffed.format === 'csv') {
    return { format: 'csv', path, headers: sniffed.headers, delimiter: sniffed.delimiter, encoding: sniffed.encoding };
  }
  const rows = await queryRows<{ column_name: string }>(connection, 'describe select * from read_parquet($1)', [path]);
  return { format: 'parquet', path, headers: rows.map((r) => r.column_name) };
}
