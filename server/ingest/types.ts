// Public types of the ingestion module and the zod schema of its options.
import { z } from 'zod';

export const CANONICAL_TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates'] as const;
export const SHAPES = [...CANONICAL_TABLES, 'ledger', 'settled'] as const;
export const DATE_FORMATS = ['ISO', 'MDY', 'DMY', 'YMD_NUMBER'] as const;

export type CanonicalTable = (typeof CANONICAL_TABLES)[number];
export type Shape = (typeof SHAPES)[number];
export type DateFormat = (typeof DATE_FORMATS)[number];

/** `name` is what the user sees (upload file name or basename); `path` is where the bytes are. */
export interface SourceFile {
  path: string;
  name: string;
}

/**
 * as: skip detection. replace: interface.md --replace. mapping: canonical column -> source header,
 * before synonyms. dateFormat: ISO or YMD_NUMBER for every date column; MDY or DMY for the slash-date
 * columns (a column written YYYY-MM-DD keeps its format).
 */
export const ingestOptionsSchema = z.object({
  as: z.enum(SHAPES).optional(),
  replace: z.boolean().optional(),
  mapping: z.record(z.string(), z.string()).optional(),
  dateFormat: z.enum(DATE_FORMATS).optional()
});

export type IngestOptions = z.infer<typeof ingestOptionsSchema>;

/** One problem with an input: row is the spreadsheet row (header = 1) or null for a whole-file problem. */
export interface Rejection {
  file: string;
  row: number | null;
  column: string | null;
  reason: string;
}

export interface IngestResult {
  loaded: Record<string, number>;
  rejected: Rejection[];
  loadIds: number[];
}

export interface FileInspection {
  file: string;
  format: 'csv' | 'parquet';
  delimiter?: string;
  shape: Shape | null;
  /** canonical column -> source header */
  mapping: Record<string, string>;
  unmappedHeaders: string[];
  /** source header -> ISO | MDY | DMY | YMD_NUMBER | ambiguous */
  dateFormats: Record<string, string>;
  preview: Record<string, string | null>[];
  /** the file row of each preview row, numbered as a rejection numbers it (the header is row 1) */
  previewRows: number[];
  /** the values of the preview rows a load would reject: the load's own row checks, with their reasons */
  cellProblems: Rejection[];
  /** fields with no column to fill them, the wide rates layout's own columns aside */
  missingFields: string[];
  /** a wide rates file (the ECB's): the headers of its currency columns */
  wideCurrencyColumns: string[];
  rowCount?: number;
  problems: string[];
}

/**
 * Thrown only for bad arguments (invalid options, an unknown load id): a usage error of the caller.
 * Problems in the data are never thrown; they come back in `IngestResult.rejected`.
 */
export class IngestError extends Error {
  constructor(
    message: string,
    readonly rejections: Rejection[] = []
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
