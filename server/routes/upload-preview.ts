// POST /api/uploads/preview: one file (multipart, with the same optional as, date_format and mapping
// fields as POST /api/uploads) → what would be loaded: shape, mapping, date formats, the first rows
// and what stops it. Reads the file on a connection of its own and writes nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { previewFields, type UploadPreview } from '../contracts/loads.ts';
import type { Database } from '../db.ts';
import { inspectFile, type FileInspection } from '../ingest/index.ts';
import { SHAPE_FIELDS } from '../ingest/shapes.ts';
import { safeFileName } from '../uploads-folder.ts';
import { describeIssues } from '../validate.ts';

export function toPreview(inspection: FileInspection): UploadPreview {
  const mapped = Object.values(inspection.mapping);
  const headers = inspection.preview[0] ? Object.keys(inspection.preview[0]) : [...mapped, ...inspection.unmappedHeaders];
  const fields = inspection.shape
    ? Object.entries(SHAPE_FIELDS[inspection.shape]).map(([name, spec]) => ({ name, kind: spec.kind, required: spec.required ?? false }))
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
    row_count: inspection.rowCount ?? null,
    problems: inspection.problems
  };
}

export function uploadPreviewRoutes(db: Database) {
  return new Hono().post('/', async (c) => {
    if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
      throw new HTTPException(400, { message: 'body: send the file as multipart/form-data' });
    }
    const body = await c.req.parseBody({ all: true });
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const fields = previewFields.safeParse({ as: text(body.as), date_format: text(body.date_format), mapping: text(body.mapping) });
    if (!fields.success) throw new HTTPException(400, { message: describeIssues(fields.error) });
    const files = Object.values(body).flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value): value is File => value instanceof File);
    if (files.length !== 1) throw new HTTPException(400, { message: `files: send exactly one file to preview, got ${files.length}` });

    const folder = await mkdtemp(join(tmpdir(), 'radar-preview-'));
    const connection = await db.connect();
    try {
      const file = { path: join(folder, safeFileName(files[0]!.name)), name: safeFileName(files[0]!.name) };
      await writeFile(file.path, new Uint8Array(await files[0]!.arrayBuffer()));
      const inspection = await inspectFile(connection, file, { as: fields.data.as, dateFormat: fields.data.date_format, mapping: fields.data.mapping });
      return c.json(toPreview(inspection));
    } finally {
      connection.closeSync();
      await rm(folder, { recursive: true, force: true });
    }
  });
}
