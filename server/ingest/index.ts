// The ingestion module: files (CSV or Parquet) → canonical tables, with every rejected row as data.
// See load.ts for the transaction, prepare.ts for detection, shapes.ts for the header synonyms.
export {
  CANONICAL_TABLES, SHAPES, DATE_FORMATS, IngestError, ingestOptionsSchema,
  type CanonicalTable, type Shape, type DateFormat, type SourceFile, type IngestOptions, type Rejection,
  type IngestResult, type FileInspection
} from './types.ts';
export { ingestFiles } from './load.ts';
export { inspectFile } from './inspect.ts';
export { undoLoad } from './undo.ts';
export { REJECTION_CAP } from './rejection-list.ts';
