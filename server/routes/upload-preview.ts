// POST /api/uploads/preview: one file (multipart, with the same optional as, date_format and mapping
// fields as POST /api/uploads) → what would be loaded: shape, mapping, date formats, the first rows
// and what stops it. Reads the file on a connection of its own and writes nothing; the file is
// received as an upload is, within RADAR_UPLOAD_LIMIT.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { previewFields, type UploadPreview, uploadPreview } from '../contracts/loads.ts';
import type { Database } from '../db.ts';
import { inspectFile, type FileInspection } from '../ingest/index.ts';
import { SHAPE_FIELDS } from '../ingest/shapes.ts';
import { describeIssues } from '../validate.ts';
import { receiveUpload, uploadLimitFromEnv } from './received-files.ts';
import { stopAt } from '../interrupt.ts';
import { ClientGone } from '../write-errors.ts';
import { config } from '../config.ts';
import { doc } from '../openapi.ts';

/** RADAR_PREVIEW_TIMEOUT_MS: how long a preview may read its file (default 20 s). */
function previewTimeoutFromEnv(): number {
  return config.previewTimeoutMs;
}

const TEXT_FIELDS = ['as', 'date_format', 'mapping'];

export function toPreview(inspection: FileInspection): UploadPreview {
  const mapped = Object.values(inspection.mapping);
  const headers = inspection.preview[0] ? Object.keys(inspection.preview[0]) : [...mapped, ...inspection.unmappedHeaders];
  const fields = inspection.shape
    ? Object.entries(SHAPE_FIELDS[inspection.shape]).map(([name, spec]) => ({
        name,
        kind: spec.kind,
        required: spec.required ?? false,
        missing: inspection.missingFields.includes(name)
      }))
    : [];
  return {
    file: inspection.file,
    format: inspection.format,
    ...(inspection.delimiter !== undefined && { delimiter: inspection.delimiter }),
    shape: inspection.shape,
    headers,
    fields,
    mapping: inspection.mapping,
    unmapped_headers: inspection.unmappedHeaders,
    date_formats: inspection.dateFormats,
    preview: inspection.preview,
    preview_rows: inspection.previewRows,
    cell_problems: inspection.cellProblems,
    wide_currency_columns: inspection.wideCurrencyColumns,
    row_count: inspection.rowCount ?? null,
    problems: inspection.problems
  };
}

export function uploadPreviewRoutes(db: Database, limit = uploadLimitFromEnv()) {
  return new Hono().post(
    '/',
    doc({
      summary: 'What one file would load (shape, mapping, date formats, first rows, problems) before anything is committed; writes nothing',
      response: uploadPreview,
      body: { contentType: 'multipart/form-data', schema: previewFields }
    }),
    async (c) => {
      const folder = await mkdtemp(join(tmpdir(), 'radar-preview-'));
      try {
        const received = await receiveUpload(c, folder, limit, TEXT_FIELDS);
        const fields = previewFields.safeParse(received.fields);
        if (!fields.success) throw new HTTPException(400, { message: describeIssues(fields.error) });
        if (received.files.length !== 1)
          throw new HTTPException(400, { message: `files: send exactly one file to preview, got ${received.files.length}` });
        const timeoutMs = previewTimeoutFromEnv();
        const inspection = await db.withConnection(async (connection) => {
          // a preview has a time limit, and a client that leaves stops it
          const stopper = stopAt(connection, timeoutMs, c.req.raw.signal);
          const stopped = () => {
            if (stopper.reason === 'aborted') return new ClientGone();
            if (stopper.reason === 'deadline')
              return new HTTPException(400, {
                message: `${received.files[0]!.name}: the preview took longer than ${timeoutMs / 1000} s and was stopped (RADAR_PREVIEW_TIMEOUT_MS)`
              });
            return null;
          };
          try {
            const result = await inspectFile(connection, received.files[0]!, {
              as: fields.data.as,
              dateFormat: fields.data.date_format,
              mapping: fields.data.mapping
            });
            const stop = stopped();
            if (stop) throw stop;
            return result;
          } catch (error) {
            // an interrupted statement outside inspectFile's own error handling: say why it stopped
            throw stopped() ?? error;
          } finally {
            stopper.done();
          }
        });
        return c.json(toPreview(inspection));
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }
  );
}
