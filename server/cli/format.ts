// Human-readable output of a report, for a terminal (the JSON is for programs). Scalars are
// `name  value` lines; a list of records is an aligned table of its scalar columns (numbers to the
// right), and what a record nests (a worklist item's reasons and invoices, a drift entry's reasons)
// is printed under its row, indented, so no cell ever reads "[object Object]".
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Record_ = { [key: string]: Json };

const isRecord = (value: unknown): value is Record_ => value !== null && typeof value === 'object' && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value === null || value === undefined || typeof value !== 'object';

export function formatReport(report: object, indent = ''): string {
  const entries = Object.entries(report as Record_);
  const width = Math.max(0, ...entries.filter(([, v]) => isScalar(v)).map(([k]) => k.length));
  return entries.map(([key, value]) => formatEntry(key, value, indent, width)).join('\n');
}

function formatEntry(key: string, value: Json, indent: string, width: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}${key}: (none)`;
    if (value.every(isScalar)) return [`${indent}${key}:`, ...value.map((item) => `${indent}  - ${formatValue(item)}`)].join('\n');
    if (value.every(isRecord)) return [`${indent}${key} (${value.length}):`, formatTable(value as Record_[], indent + '  ')].join('\n');
    return [`${indent}${key}:`, ...value.map((item) => `${indent}  - ${isScalar(item) ? formatValue(item) : JSON.stringify(item)}`)].join(
      '\n'
    );
  }
  if (isRecord(value)) return `${indent}${key}:\n${formatReport(value, indent + '  ')}`;
  return `${indent}${key.padEnd(width)}  ${formatValue(value)}`;
}

/** An aligned table of the records' scalar columns; nested values follow their row, indented. */
function formatTable(rows: Record_[], indent: string): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const scalar = columns.filter((column) => rows.every((row) => isScalar(row[column])));
  const nested = columns.filter((column) => !scalar.includes(column));
  const numeric = scalar.map((column) =>
    rows.every((row) => row[column] === null || row[column] === undefined || typeof row[column] === 'number')
  );
  // a column of money (no value with more than two decimals) shows cents on every row: 38164.00, 17173.80
  const cents = scalar.map(
    (column, i) => numeric[i] && rows.some((row) => decimals(row[column]) > 0) && rows.every((row) => decimals(row[column]) <= 2)
  );
  const cells = rows.map((row) =>
    scalar.map((column, i) => (cents[i] && typeof row[column] === 'number' ? (row[column] as number).toFixed(2) : formatValue(row[column])))
  );
  const widths = scalar.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    indent +
    values
      .map((value, i) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(scalar)];
  rows.forEach((row, r) => {
    lines.push(line(cells[r]!));
    for (const column of nested) {
      const value = row[column];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      lines.push(formatEntry(column, value, indent + '    ', 0));
    }
  });
  return lines.join('\n');
}

function decimals(value: unknown): number {
  return typeof value === 'number' ? (String(value).split('.')[1] ?? '').length : 0;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && !Number.isInteger(value)) {
    if (decimals(value) <= 2) return value.toFixed(2);
    // a small ratio keeps two significant digits (a cost per dollar of 0.00026), a larger one four places
    if (Math.abs(value) < 0.01) return value.toPrecision(2);
    return value.toFixed(Math.abs(value) >= 100 ? 2 : 4).replace(/\.?0+$/, '');
  }
  return String(value);
}
