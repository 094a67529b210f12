// What an export holds: the columns and rows a page shows, with the file name that says which
// as-of date and filters they are for. csv.ts and xlsx.ts write it; views.ts builds it.
export type ExportValue = string | number | boolean | null;

export interface ExportColumn {
  label: string;
  /** money is a number with two decimals in a spreadsheet; text is neutralised against formulas */
  kind: 'text' | 'number' | 'money' | 'date';
}

export interface ExportTable {
  /** the file name without extension: view, as-of date and filters */
  fileName: string;
  sheet: string;
  columns: ExportColumn[];
  rows: ExportValue[][];
}

/** `aged-balance_2024-06-30_collector-Ann`: the view, the as-of date, then each filter given. */
export function exportFileName(view: string, asOf: string | null, filters: Record<string, string | undefined | null>): string {
  const parts = [view, ...(asOf ? [asOf] : [])];
  for (const [key, value] of Object.entries(filters)) if (value) parts.push(`${key}-${value}`);
  // one safe name on every system: letters, digits, dot, dash, underscore
  return parts
    .map((part) => part.replace(/[^A-Za-z0-9.+-]+/g, '-'))
    .join('_')
    .replace(/\+/g, 'plus')
    .slice(0, 180);
}
