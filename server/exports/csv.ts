// An export as CSV (RFC 4180, CRLF): text cells neutralised against formula injection the way
// Explore's CSV export does it (server/explore/export.ts); numbers keep their sign.
import { neutraliseCell } from '../explore/export.ts';
import type { ExportTable, ExportValue } from './table.ts';

function csvCell(value: ExportValue, isText: boolean): string {
  if (value === null) return '';
  const raw = String(value);
  const text = isText ? neutraliseCell(raw) : raw;
  return /[",\r\n']/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableToCsv(table: ExportTable): string {
  const isText = table.columns.map((column) => column.kind === 'text');
  const lines = [table.columns.map((column) => csvCell(column.label, true)).join(',')];
  for (const row of table.rows) lines.push(row.map((value, index) => csvCell(value, isText[index] || typeof value === 'string')).join(','));
  return lines.join('\r\n') + '\r\n';
}
