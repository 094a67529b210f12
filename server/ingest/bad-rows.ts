// The diagnosing read: every row of a file that breaks a check, one rejection per broken check.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import { badRowsSql } from './parsed-sql.ts';
import { sourceSql } from './source-sql.ts';
import { checkReason } from './messages.ts';
import type { PreparedFile } from './prepare.ts';
import type { Found } from './set-checks.ts';
import type { Rejection } from './types.ts';

export async function badRowRejections(connection: DuckDBConnection, file: PreparedFile, limit: number): Promise<Found> {
  const rows = await queryRows(connection, badRowsSql(file, sourceSql(file.source, { ignore: true }), limit), [file.source.path]);
  const rejections: Rejection[] = [];
  for (const row of rows) {
    file.checks.forEach((check, i) => {
      if (row[`k${i}`] !== true) return;
      const index = file.fields[check.field];
      rejections.push({
        file: file.file.name,
        row: Number(row.__row),
        column: index === undefined ? check.field : file.source.headers[index]!,
        reason: checkReason(check, row, file)
      });
    });
  }
  return { rejections, total: rows.length ? Math.max(Number(rows[0]!.__total), rejections.length) : 0 };
}
