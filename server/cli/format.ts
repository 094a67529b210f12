// Human-readable output of a report, for a terminal (the JSON is for programs).
export function formatReport(report: object, indent = ''): string {
  return Object.entries(report)
    .map(([key, value]) => {
      if (Array.isArray(value)) {
        if (value.length === 0) return `${indent}${key}: (none)`;
        if (typeof value[0] !== 'object') return `${indent}${key}: ${value.join('; ')}`;
        const columns = Object.keys(value[0]);
        const rows = value.map((row) => columns.map((column) => formatValue(row[column])));
        const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i].length)));
        const line = (cells: string[]) => indent + '  ' + cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
        return [`${indent}${key}:`, line(columns), ...rows.map(line)].join('\n');
      }
      if (value && typeof value === 'object') return `${indent}${key}:\n${formatReport(value, indent + '  ')}`;
      return `${indent}${key.padEnd(18)} ${formatValue(value)}`;
    })
    .join('\n');
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toFixed(Math.abs(value) >= 100 ? 2 : 4).replace(/\.?0+$/, '');
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}
