// An export as an Excel workbook, written by write-excel-file: one sheet, a bold header row frozen
// at the top, money as numbers with two decimals, dates as dates, text neutralised like the CSV.
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { neutraliseCell } from '../explore/export.ts';
import type { ExportTable } from './table.ts';

const MONEY_FORMAT = '#,##0.00';

export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  const header = table.columns.map((column) => ({ value: column.label, fontWeight: 'bold' as const }));
  const body = table.rows.map((row) =>
    row.map((value, index) => {
      const kind = table.columns[index]?.kind ?? 'text';
      if (value === null) return null;
      if (typeof value === 'number') return kind === 'money' ? { value, type: Number, format: MONEY_FORMAT } : { value, type: Number };
      if (typeof value === 'boolean') return { value, type: Boolean };
      if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value))
        return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
      return { value: neutraliseCell(value), type: String };
    })
  );
  const data = [header, ...body] as SheetData;
  const widths = table.columns.map((column, index) =>
    Math.min(60, Math.max(column.label.length, ...table.rows.slice(0, 200).map((row) => String(row[index] ?? '').length)) + 2)
  );
  const file = writeXlsxFile(data, { sheet: table.sheet.slice(0, 31), columns: widths.map((width) => ({ width })), stickyRowsCount: 1 });
  return file.toBuffer();
}
