// The ingestion module: files (CSV or Parquet) → canonical tables, with every rejected row as data.
//
// - ingestFiles(connection, files, options): all or nothing in one transaction on `connection`.
//   Data problems are RETURNED: `rejected` lists them (file, row, column, reason; at most
//   REJECTION_CAP plus one line with the total) and then `loaded` is {} and nothing stays. Only
//   invalid options throw IngestError. Models are not refreshed here.
// - Rows are spreadsheet rows: CSV header = row 1, record k = row k + 1 (a record with quoted
//   newlines is one row; blank lines are skipped and not counted). Parquet: record k (from 1) = row k.
// - inspectFile: shape, mapping and a preview for the upload page, without writing.
// - undoLoad: deletes one load's rows and sets loads.undone_at.
// Where things are: shapes.ts (fields and header synonyms), vocab.ts (value words), detect.ts,
// sniff.ts, formats.ts (per-column date/decimal decisions), value-sql.ts (parsing macros),
// checks.ts + messages.ts (rules and their words), targets.ts (shape → tables), load.ts.
export {
  CANONICAL_TABLES,
  SHAPES,
  DATE_FORMATS,
  IngestError,
  ingestOptionsSchema,
  type CanonicalTable,
  type Shape,
  type DateFormat,
  type SourceFile,
  type IngestOptions,
  type Rejection,
  type IngestResult,
  type FileInspection
} from './types.ts';
export { ingestFiles, type IngestHooks } from './load.ts';
export { inspectFile } from './inspect.ts';
export { undoLoad } from './undo.ts';
export { REJECTION_CAP } from './rejection-list.ts';
