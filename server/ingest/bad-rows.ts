// The diagnosing read: every row of a file that breaks a check, one rejection per broken check.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import { badRowsSql } from './parsed-sql.ts';
import { firstRowsSql, sourceSql } from './source-sql.ts';
import { checkReason } from './messages.ts';
import type { PreparedFile } from './prepare.ts';
import type { Found } from './set-checks.ts';
import type { Rejection } from './types.ts';

/** The header a field's value sits under: a wide rates file's rate and code are under the currency's column. */
export function columnOf(file: PreparedFile, field: string, row: Record<string, unknown>): string {
  const index = file.fields[field];
  if (index === undefined) return field;
  return file.source.headers[index] ?? String(row.__column ?? field);
}

/** `firstRows`: only the file's first rows are checked (the upload preview's), else every row. */
export async function badRowRejections(
  connection: DuckDBConnection,
  file: PreparedFile,
  limit: number,
  firstRows?: number
): Promise<Found> {
  const from = firstRows === undefined ? sourceSql(file.source, { ignore: true }) : firstRowsSql(file.source, { ignore: true }, firstRows);
  const rows = await queryRows(connection, badRowsSql(file, from, limit), [file.source.path]);
  const rejections: Rejection[] = [];
  // a wide rates file repeats a row's date for every currency: its problem is reported once
  const seen = new Set<string>();
  for (const row of rows) {
    file.checks.forEach((check, i) => {
      if (row[`k${i}`] !== true) return;
      const column = columnOf(file, check.field, row);
      const key = `${row.__row}\u0000${column}\u0000${check.kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      rejections.push({
        file: file.file.name,
        row: Number(row.__row),
        column,
        reason: checkReason(check, row, file)
      });
    });
  }
  const cut = rows.length >= limit;
  return { rejections, total: cut ? Math.max(Number(rows[0]!.__total), rejections.length) : rejections.length };
}
