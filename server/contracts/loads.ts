// The upload page's own endpoints: the preview of a file before it is loaded (POST /api/uploads/preview),
// the list of loads (GET /api/loads) and undoing one (POST /api/loads/:id/undo). Pure: no Node imports.
import { z } from 'zod';
import { rejection, shapeName } from './uploads.ts';

/** Same multipart fields as POST /api/uploads (one file); `mapping` is JSON text. */
export { uploadFields as previewFields } from './uploads.ts';

export const shapeField = z.object({
  name: z.string(),
  kind: z.string().describe('id, text, date, amount, boolean, integer, adjustment_kind or entry_type'),
  required: z.boolean(),
  missing: z.boolean().describe('required, and no column of the file fills it: the load would refuse the file')
});

export const uploadPreview = z.object({
  file: z.string(),
  format: z.enum(['csv', 'parquet']),
  delimiter: z.string().optional(),
  shape: shapeName.nullable().describe('detected, or the one asked for with `as`; null when the header fits no shape'),
  /** every header of the file, in file order */
  headers: z.array(z.string()),
  /** the fields the shape can hold, in canonical order: what a mapping may name */
  fields: z.array(shapeField),
  mapping: z.record(z.string(), z.string()).describe('canonical column → source header'),
  unmapped_headers: z.array(z.string()),
  date_formats: z.record(z.string(), z.string()).describe('source header → ISO, MDY, DMY, YMD_NUMBER or ambiguous'),
  preview: z.array(z.record(z.string(), z.string().nullable())),
  preview_rows: z.array(z.number().int()).describe('the file row of each preview row, numbered as the reject report numbers rows'),
  cell_problems: z
    .array(rejection)
    .describe("the values of the preview's rows a load would reject (row, column, reason), by the load's own checks"),
  wide_currency_columns: z
    .array(z.string())
    .describe("a wide rates file (the ECB's, one column per currency): its currency columns, which fill currency and units_per_base"),
  row_count: z.number().int().nullable(),
  problems: z.array(z.string()).describe('what would stop the load as it stands; empty when it can be committed')
});

export const loadRow = z.object({
  load_id: z.number().int(),
  loaded_at: z.string(),
  table_name: z.string(),
  source_file: z.string(),
  shape: z.string(),
  rows_loaded: z.number().int(),
  replaced: z.boolean(),
  undone_at: z.string().nullable(),
  loaded_by: z.string().nullable().describe('the signed-in user who uploaded it; null for a load from the CLI or the demo seed'),
  may_undo: z.boolean().describe('whether the signed-in user may undo it: an admin any load, others only their own')
});

export const loadsReport = z.object({ loads: z.array(loadRow) });

export const loadIdParam = z.object({
  id: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1')
});

export const undoReport = z.object({
  load_id: z.number().int(),
  removed: z.record(z.string(), z.number().int())
});

export type ShapeField = z.infer<typeof shapeField>;
export type UploadPreview = z.infer<typeof uploadPreview>;
export type LoadRow = z.infer<typeof loadRow>;
export type LoadsReport = z.infer<typeof loadsReport>;
export type UndoReport = z.infer<typeof undoReport>;

/** GET /api/loads/progress: the write under way (a load, an undo), for the upload page to show. */
export const writeStage = z.enum(['loading', 'rebuilding', 'undoing']);
export const writeProgress = z.object({
  busy: z.boolean().describe('a load, an undo or a logged activity is being written'),
  stage: writeStage.nullable().describe('loading (rows checked and inserted), rebuilding (the models), undoing; null for other writes'),
  step: z
    .string()
    .nullable()
    .describe('what it is doing, in words: "checking and loading invoices.csv", "rebuilding the figures (7 of 23)"'),
  percentage: z.number().nullable().describe("DuckDB's progress through the statement running now, 0–100")
});
export type WriteStage = z.infer<typeof writeStage>;
export type WriteProgressReport = z.infer<typeof writeProgress>;
