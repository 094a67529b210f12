// Everything about one file that can be known before loading: format, header, shape, mapping and
// per-column formats. Problems found here are whole-file rejections (row null).
import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sniffFile } from './sniff.ts';
import { parquetProblem } from './parquet-check.ts';
import { wideHeaderProblem } from './wide-header.ts';
import { describeSource, type Source } from './source-sql.ts';
import { detectShape, mapHeaders, missingSignature, type FieldMap } from './detect.ts';
import { HEADER_SYNONYMS, SHAPE_FIELDS } from './shapes.ts';
import { decideAmountStyles, decideDateFormats, decideRateStyles, resolveAmbiguous } from './formats.ts';
import { wideRatesLayout, type WideLayout } from './wide-rates.ts';
import { lfCopy } from './line-endings.ts';
import { csvLayout } from './numbered-copy.ts';
import { readFailure } from './read-failure.ts';
import { checksFor } from './checks.ts';
import type { ParsedSpec } from './parsed-sql.ts';
import type { AmountStyle, DateColumnFormat } from './value-sql.ts';
import type { IngestOptions, Rejection, Shape, SourceFile } from './types.ts';

export interface PreparedFile extends ParsedSpec {
  index: number;
  file: SourceFile;
  source: Source;
  wide: WideLayout | null;
  /** a CSV whose records can be numbered in Node (numbered-copy.ts): the fast attempt reads a numbered copy */
  numbered: boolean;
}

export interface Preparation {
  file: SourceFile;
  source: Source | null;
  shape: Shape | null;
  fields: FieldMap;
  /** a wide rates file (the ECB's): fields currency and units_per_base are its unpivot's columns */
  wide: WideLayout | null;
  /** field -> decided format, or 'ambiguous' */
  dateFormats: Map<string, string>;
  rejections: Rejection[];
  prepared: PreparedFile | null;
  /** a folder made for this file (its LF copy): the caller removes it when done */
  temporaryDir: string | null;
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

function missingColumnReason(shape: Shape, field: string): string {
  const key = SHAPE_FIELDS[shape][field]?.synonyms ?? field;
  const examples = (HEADER_SYNONYMS[key] ?? [field]).slice(0, 4).join(', ');
  return `missing required column ${field} for ${shape} (looked for headers like ${examples})`;
}

/** More fields than this on one line, and more than four times the header's, is not a ledger. */
const MAX_FIELDS = 1000;

export async function prepareFile(
  connection: DuckDBConnection,
  file: SourceFile,
  options: IngestOptions,
  index: number
): Promise<Preparation> {
  const result: Preparation = {
    file,
    source: null,
    shape: null,
    fields: {},
    wide: null,
    dateFormats: new Map(),
    rejections: [],
    prepared: null,
    temporaryDir: null
  };
  const reject = (reason: string, column: string | null = null): Preparation => {
    result.rejections.push({ file: file.name, row: null, column, reason });
    return result;
  };
  let size: number;
  try {
    const info = await stat(file.path);
    if (!info.isFile()) return reject('is not a file');
    if (info.size === 0) return reject('the file is empty');
    size = info.size;
  } catch (error) {
    return reject(`cannot read the file: ${firstLine(error)}`);
  }
  let sniffed;
  try {
    const wide = await wideHeaderProblem(file.path);
    if (wide) return reject(wide);
    sniffed = await sniffFile(file.path);
  } catch (error) {
    return reject(`cannot read the file as CSV or Parquet: ${firstLine(error)}`);
  }
  if (sniffed.format === 'parquet') {
    // the footer's claims are checked against the file before anything scans it
    const problem = await parquetProblem(connection, file.path, size).catch(
      (error: unknown) => `cannot read the Parquet footer: ${firstLine(error)}`
    );
    if (problem) return reject(problem);
  }
  if (sniffed.format === 'csv') {
    // a line far wider than the header would make the reader build that many columns: refuse it first
    if (sniffed.widest.fields > Math.max(4 * sniffed.headers.length, MAX_FIELDS)) {
      result.rejections.push({
        file: file.name,
        row: sniffed.widest.row,
        column: null,
        reason: `the line has ${sniffed.widest.fields} fields or more; the header has ${sniffed.headers.length}`
      });
      return result;
    }
    if (sniffed.wholeFile && sniffed.sampledRecords === 0) return reject('the file has a header but no rows');
  }
  let numbered = false;
  try {
    let path = file.path;
    if (sniffed.format === 'csv') {
      // one pass over the file: whether its records can be numbered here (load.ts writes the
      // numbered copy then), or the news that its line ends are mixed
      const layout = await csvLayout(file.path, sniffed.delimiter);
      numbered = layout === 'regular';
      if (layout === 'mixed') {
        const lf = await lfCopy(file.path);
        result.temporaryDir = lf.dir;
        path = lf.path;
      }
    }
    result.source = await describeSource(connection, path, sniffed);
  } catch (error) {
    return reject(`cannot read the file as CSV or Parquet: ${firstLine(error)}`);
  }
  const headers = result.source.headers;
  if (!headers.length) return reject('the file has no header row');

  const wide = !options.as || options.as === 'fx_rates' ? wideRatesLayout(headers) : null;
  if (options.as) result.shape = options.as;
  else if (wide) result.shape = 'fx_rates';
  else {
    const detection = detectShape(headers, options.mapping);
    if (!detection.ok) return reject(detection.reason);
    result.shape = detection.shape;
  }
  const shape = result.shape;
  const mapping = wide
    ? {
        fields: { rate_date: wide.dateIndex, currency: wide.currencyColumn, units_per_base: wide.rateColumn, base: wide.baseColumn },
        problems: []
      }
    : mapHeaders(shape, headers, options.mapping);
  result.wide = wide;
  result.fields = mapping.fields;
  for (const problem of mapping.problems) reject(problem);
  for (const field of missingSignature(shape, mapping.fields)) reject(missingColumnReason(shape, field), field);
  if (result.rejections.length) return result;

  const fieldsOfKind = (kind: string) =>
    Object.entries(SHAPE_FIELDS[shape])
      .filter(([f, spec]) => spec.kind === kind && f in mapping.fields)
      .map(([f]) => f);
  const dateFields = fieldsOfKind('date');
  const amountFields = fieldsOfKind('amount');
  const dates = new Map<string, DateColumnFormat>();
  const amounts = new Map<string, AmountStyle>();
  try {
    const decided = resolveAmbiguous(
      await decideDateFormats(
        connection,
        result.source,
        dateFields.map((f) => mapping.fields[f]!)
      ),
      options.dateFormat
    );
    for (const field of dateFields) {
      const decision = decided.get(mapping.fields[field]!)!;
      const header = headers[mapping.fields[field]!]!;
      result.dateFormats.set(field, decision.format);
      if (decision.format === 'ambiguous') {
        const example = 'example' in decision && decision.example ? decision.example : '3/4/2013';
        reject(
          `${file.name} column ${header}: dates like ${example} fit both M/D/YYYY and D/M/YYYY; ` + `pass --date-format MDY or DMY`,
          header
        );
      } else dates.set(field, decision as DateColumnFormat);
    }
    const styles = await decideAmountStyles(
      connection,
      result.source,
      amountFields.map((f) => mapping.fields[f]!)
    );
    for (const field of amountFields) amounts.set(field, styles.get(mapping.fields[field]!) ?? 'dot');
    // a wide file's rates are the ECB's, always with a decimal point
    const rateFields = wide ? [] : fieldsOfKind('rate');
    const rateStyles = await decideRateStyles(
      connection,
      result.source,
      rateFields.map((f) => mapping.fields[f]!)
    );
    for (const field of rateFields) amounts.set(field, rateStyles.get(mapping.fields[field]!) ?? 'dot');
  } catch (error) {
    result.rejections.push(await readFailure(file, result.source.path, error));
    return result;
  }
  if (result.rejections.length) return result;
  result.prepared = {
    index,
    file,
    source: result.source,
    shape,
    fields: mapping.fields,
    dates,
    amounts,
    checks: checksFor(shape, mapping.fields),
    wide,
    numbered
  };
  return result;
}
