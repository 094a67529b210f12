// POST /api/uploads: multipart CSV/Parquet files (+ optional `as`) → the ingest JSON of interface.md.
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { uploadFields } from '../contracts/uploads.ts';
import type { Database } from '../db.ts';
import { loadFiles, summariseRejections } from '../loading.ts';
import { newUploadFolder, safeFileName } from '../uploads-folder.ts';
import { describeIssues } from '../validate.ts';

export function uploadRoutes(db: Database, uploadsDir: string) {
  return new Hono().post('/', async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!contentType.startsWith('multipart/form-data')) throw new HTTPException(400, { message: 'body: send the files as multipart/form-data' });
    const body = await c.req.parseBody({ all: true });
    const fields = uploadFields.safeParse({ as: text(body.as), replace: text(body.replace), date_format: text(body.date_format), mapping: text(body.mapping) });
    if (!fields.success) throw new HTTPException(400, { message: describeIssues(fields.error) });
    const files = Object.entries(body)
      .filter(([key]) => !['as', 'replace', 'date_format', 'mapping'].includes(key))
      .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
      .filter((value): value is File => value instanceof File);
    if (files.length === 0) throw new HTTPException(400, { message: 'files: the upload holds no file' });

    const folder = newUploadFolder(uploadsDir);
    const names = new Set<string>();
    const saved = [];
    for (const file of files) {
      const name = safeFileName(file.name);
      if (names.has(name)) throw new HTTPException(400, { message: `files: ${name} is uploaded twice in one request` });
      names.add(name);
      const path = join(folder, name);
      await writeFile(path, new Uint8Array(await file.arrayBuffer()));
      saved.push({ path, name });
    }

    const result = await loadFiles(db, saved, { as: fields.data.as, replace: fields.data.replace === 'true', dateFormat: fields.data.date_format, mapping: fields.data.mapping });
    const report = { loaded: result.loaded, rejected: result.rejected };
    if (result.rejected.length === 0) return c.json(report);
    rmSync(folder, { recursive: true, force: true });
    return c.json({ ...report, error: summariseRejections(result.rejected) }, 400);
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
