// Explore results as a download: CSV with formula injection neutralised, or Parquet written by
// DuckDB from the same checked query into a private temporary folder.
import { DuckDBTypeId } from '@duckdb/node-api';
import type { ResultColumns } from './arrow.ts';

const NOT_TEXT = new Set([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ
]);

/** A cell a spreadsheet would run as a formula (= + - @ tab CR) gets a leading quote (OWASP CSV injection). */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: unknown, isText: boolean): string {
  if (value === null || value === undefined) return '';
  const raw = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // numbers, dates and booleans keep their sign (-5.00 stays a number); text is neutralised
  const text = isText ? neutraliseCell(raw) : raw;
  return /[",\r\n']/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(result: Pick<ResultColumns, 'names' | 'types' | 'json'>): string {
  const rows = result.json[0]?.length ?? 0;
  const isText = result.types.map((type) => !NOT_TEXT.has(type.typeId));
  const lines = [result.names.map((name) => csvCell(name, true)).join(',')];
  for (let row = 0; row < rows; row++) lines.push(result.json.map((column, index) => csvCell(column[row], isText[index])).join(','));
  return lines.join('\r\n') + '\r\n';
}
