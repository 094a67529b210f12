// POST /api/uploads: multipart CSV/Parquet files (+ optional as, replace, date_format, mapping) →
// the ingest JSON of interface.md. The body streams to disk part by part, counted as it comes: a
// declared Content-Length over RADAR_UPLOAD_LIMIT is refused with 413 before a byte is read, a
// chunked body as soon as it passes the limit.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { uploadFields } from '../contracts/uploads.ts';
import type { Database } from '../db.ts';
import { loadFiles, summariseRejections } from '../loading.ts';
import { MultipartError, boundaryOf, readMultipart } from '../multipart.ts';
import { newUploadFolder, safeFileName } from '../uploads-folder.ts';
import { describeIssues } from '../validate.ts';

const TEXT_FIELDS = ['as', 'replace', 'date_format', 'mapping'];

/** RADAR_UPLOAD_LIMIT in bytes (plain number, or with k/m/g); default 1 GB. */
export function uploadLimitFromEnv(): number {
  const text = process.env.RADAR_UPLOAD_LIMIT?.trim().toLowerCase();
  const match = text ? /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/.exec(text) : null;
  if (!match) return 1024 ** 3;
  return Math.floor(Number(match[1]) * 1024 ** 'xkmg'.indexOf(match[2] || 'x'));
}

export function uploadRoutes(db: Database, uploadsDir: string, limit = uploadLimitFromEnv()) {
  return new Hono().post('/', async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!contentType.startsWith('multipart/form-data')) throw new HTTPException(400, { message: 'body: send the files as multipart/form-data' });
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      throw new HTTPException(413, { message: `the upload is ${declared} bytes, over the limit of ${limit} bytes (RADAR_UPLOAD_LIMIT)` });
    }
    const boundary = boundaryOf(contentType);
    if (!boundary) throw new HTTPException(400, { message: 'body: multipart/form-data without a boundary' });
    if (!c.req.raw.body) throw new HTTPException(400, { message: 'files: the upload holds no file' });

    const folder = newUploadFolder(uploadsDir);
    let keep = false;
    try {
      const names = new Set<string>();
      const { fields: body, files } = await readMultipart(c.req.raw.body, boundary, {
        limit,
        pathFor(fileName) {
          // a browser sends the bare name; folders, `..` or control characters mean a crafted request
          if (/[\\/\u0000-\u001f\u007f]/.test(fileName) || /^\.+$/.test(fileName.trim())) {
            throw new MultipartError(400, `files: the file name ${JSON.stringify(fileName)} holds a folder, \`..\` or a control character; send the bare file name`);
          }
          const name = safeFileName(fileName);
          if (names.has(name)) throw new MultipartError(400, `files: ${name} is uploaded twice in one request`);
          names.add(name);
          return join(folder, name);
        }
      }).catch((error: unknown) => {
        if (error instanceof MultipartError) throw new HTTPException(error.status, { message: error.message });
        throw error;
      });
      const fields = uploadFields.safeParse(Object.fromEntries(TEXT_FIELDS.map((key) => [key, text(body[key])])));
      if (!fields.success) throw new HTTPException(400, { message: describeIssues(fields.error) });
      const saved = files.filter((file) => !TEXT_FIELDS.includes(file.field)).map((file) => ({ path: file.path, name: safeFileName(file.fileName) }));
      if (saved.length === 0) throw new HTTPException(400, { message: 'files: the upload holds no file' });

      const result = await loadFiles(db, saved, {
        as: fields.data.as,
        replace: fields.data.replace === 'true',
        dateFormat: fields.data.date_format,
        mapping: fields.data.mapping
      });
      const report = { loaded: result.loaded, rejected: result.rejected };
      if (result.rejected.length > 0) return c.json({ ...report, error: summariseRejections(result.rejected) }, 400);
      keep = true; // loaded files stay, so Explore can query them
      return c.json(report);
    } finally {
      if (!keep) rmSync(folder, { recursive: true, force: true });
    }
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
