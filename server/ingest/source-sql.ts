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
  if (source.format === 'parquet') {
    const names = source.headers.map((_, i) => sourceColumn(i));
    const casts = names.map((name) => `${name}::varchar as ${name}`).join(', ');
    return `(select file_row_number + 1 as __row, ${casts}
      from read_parquet($1, file_row_number = true) as p(${names.join(', ')}))`;
  }
  return `(select row_number() over () + 1 as __row, *
    from ${csvReadSql(source, badLines)})`;
}

/**
 * The first `rows` rows of the file, numbered as sourceSql numbers them (the upload preview's). The
 * limit sits under the numbering, so the reader stops early instead of numbering the whole file;
 * a read without ORDER BY keeps the file's order (DuckDB's preserve_insertion_order).
 */
export function firstRowsSql(source: Source, badLines: BadLines, rows: number): string {
  const n = Math.max(0, Math.trunc(rows));
  // a Parquet file has no header line: its rows are numbered from 1
  if (source.format === 'parquet') return `(select * from ${sourceSql(source, badLines)} where __row <= ${n})`;
  return `(select row_number() over () + 1 as __row, * from (select * from ${csvReadSql(source, badLines)} limit ${n}))`;
}

/** The bare read of a CSV file (path in $1): every column VARCHAR under its positional name, no row number. */
export function csvReadSql(source: Source, badLines: BadLines): string {
  const rejects =
    'storeIn' in badLines
      ? `store_rejects = true, rejects_table = '${badLines.storeIn.rejects}', rejects_scan = '${badLines.storeIn.scans}'`
      : `ignore_errors = true${badLines.sample ? ', buffer_size = 1048576' : ''}`;
  return readCsvCall(source, textColumns(source), rejects);
}

/**
 * The numbered copy of a CSV (path in $1, numbered-copy.ts): `__row` is its first column, the
 * file's columns follow. No line is set aside: the
 * copy is only made for a file the reader splits as the scan did, and any line it cannot read
 * fails the statement.
 */
export function numberedSql(source: Source): string {
  return `(select * from ${readCsvCall(source, [`'__row': 'bigint'`, ...textColumns(source)], null)})`;
}

function textColumns(source: Source): string[] {
  return source.headers.map((_, i) => `'${sourceColumn(i)}': 'varchar'`);
}

function readCsvCall(source: Source, columns: string[], options: string | null): string {
  return `read_csv($1, columns = {${columns.join(', ')}}, header = true, auto_detect = false,
      delim = ${DELIMITER_SQL[source.delimiter ?? ',']}, quote = '"', escape = '"',
      encoding = '${source.encoding ?? 'utf-8'}'${options ? `, ${options}` : ''})`;
}

/**
 * The file read once into a temporary table, numbered by that table's rowid. `row_number() over ()`
 * on the reader makes DuckDB run the whole insert after it on one thread (2.3–2.6 × a bare read,
 * docs/benchmarks.md); a CREATE TABLE AS keeps the reader parallel and the file's order, so the
 * table's rowid k is record k, and the inserts from it run in parallel again. Returns the source
 * subquery (no parameters) with the same columns as sourceSql's.
 */
export async function stageCsv(connection: DuckDBConnection, source: Source, badLines: BadLines, table: string): Promise<string> {
  await connection.run(`create temp table ${table} as select * from ${csvReadSql(source, badLines)}`, [source.path]);
  // rows written inside a transaction get rowids from a high base (DuckDB's local storage), dense and
  // in the order written: the first row's rowid is the base. Checked, never assumed: with a gap the
  // rows are numbered in the table's order on one thread, as before.
  const [span] = await queryRows<{ first: string | null; last: string | null; rows: string }>(
    connection,
    `select min(rowid)::varchar as first, max(rowid)::varchar as last, count(*)::varchar as rows from ${table}`
  );
  const first = BigInt(span!.first ?? 0);
  if (span!.first !== null && BigInt(span!.last!) - first + 1n !== BigInt(span!.rows)) {
    return `(select row_number() over () + 1 as __row, * from ${table})`;
  }
  return `(select rowid - ${first} + 2 as __row, * from ${table})`;
}

/** Build the Source of a sniffed file; Parquet's column names come from its own schema. */
export async function describeSource(connection: DuckDBConnection, path: string, sniffed: Sniffed): Promise<Source> {
  if (sniffed.format === 'csv') {
    return { format: 'csv', path, headers: sniffed.headers, delimiter: sniffed.delimiter, encoding: sniffed.encoding };
  }
  const rows = await queryRows<{ column_name: string }>(connection, 'describe select * from read_parquet($1)', [path]);
  return { format: 'parquet', path, headers: rows.map((r) => r.column_name) };
}
