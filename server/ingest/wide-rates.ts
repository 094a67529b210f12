// The ECB's own rate files are wide: a date column and one column per currency (eurofxref-hist.csv:
// `Date,USD,JPY,...,ZAR,` with `N/A` on days a currency was not quoted and an empty last column from
// the trailing comma; eurofxref.csv: the same for one day, `Date, USD, ...` and `28 November 2026`).
// A wide file is read as the long fx_rates shape: one row per date and quoted currency, base EUR
// unless the file says otherwise (it cannot: the ECB's files are always against the euro).
import { normaliseHeader, sourceColumn, sqlString } from './names.ts';
import { HEADER_SYNONYMS } from './shapes.ts';

export const WIDE_RATES_BASE = 'EUR';
const CODE = /^[A-Z]{3}$/;
/** What a wide file's cell holds on a day the currency was not quoted: the row is skipped. */
const NOT_QUOTED = ['N/A', 'NA', '#N/A', '-'];

export interface WideLayout {
  dateIndex: number;
  /** the currency columns: source index and code (the header itself) */
  currencies: { index: number; code: string }[];
  /** source indexes of the columns the unpivot makes (after the file's own) */
  currencyColumn: number;
  rateColumn: number;
  baseColumn: number;
}

/**
 * A header of one date column and otherwise only three-letter upper-case codes (and empty names,
 * the trailing comma's column) is a wide rates file. Anything else is not.
 */
export function wideRatesLayout(headers: string[]): WideLayout | null {
  const dateNames = new Set(HEADER_SYNONYMS.rate_date!.map(normaliseHeader));
  let dateIndex = -1;
  const currencies: WideLayout['currencies'] = [];
  for (const [index, header] of headers.entries()) {
    if (header === '') continue;
    if (CODE.test(header)) currencies.push({ index, code: header });
    else if (dateIndex < 0 && dateNames.has(normaliseHeader(header))) dateIndex = index;
    else return null;
  }
  if (dateIndex < 0 || currencies.length === 0) return null;
  return { dateIndex, currencies, currencyColumn: headers.length, rateColumn: headers.length + 1, baseColumn: headers.length + 2 };
}

/**
 * One row per (source row, quoted currency): the date column as it is, the currency code, its cell
 * and the base EUR under new column names, and `__column` (the cell's header, for rejections).
 * Codes enter the SQL text only after matching [A-Z]{3}.
 */
export function unpivotSql(layout: WideLayout, from: string): string {
  const codes = layout.currencies.map((c) => {
    if (!CODE.test(c.code)) throw new Error(`not a currency code: ${c.code}`);
    return sqlString(c.code);
  });
  const cells = layout.currencies.map((c) => sourceColumn(c.index));
  const date = sourceColumn(layout.dateIndex);
  const currency = sourceColumn(layout.currencyColumn);
  const rate = sourceColumn(layout.rateColumn);
  const base = sourceColumn(layout.baseColumn);
  const skipped = NOT_QUOTED.map(sqlString).join(', ');
  return `(select __row, ${date}, ${currency}, ${rate}, ${sqlString(WIDE_RATES_BASE)} as ${base}, ${currency} as __column from (
      select __row, ${date}, unnest([${codes.join(', ')}]) as ${currency}, unnest([${cells.join(', ')}]) as ${rate}
      from ${from})
    where ingest_text(${rate}) is not null and upper(ingest_text(${rate})) not in (${skipped}))`;
}
