// POST /api/uploads: multipart CSV/Parquet files (+ optional as, replace, date_format, mapping) →
// the ingest JSON of interface.md. The body streams to disk as it comes, within RADAR_UPLOAD_LIMIT
// (received-files.ts).
import { rmSync } from 'node:fs';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { uploadFields } from '../contracts/uploads.ts';
import type { Database } from '../db.ts';
import { loadFiles, summariseRejections } from '../loading.ts';
import { FiguresNotRebuilt } from '../write-errors.ts';
import { newUploadFolder } from '../uploads-folder.ts';
import { describeIssues } from '../validate.ts';
import { receiveUpload, uploadLimitFromEnv } from './received-files.ts';

const TEXT_FIELDS = ['as', 'replace', 'date_format', 'mapping'];

export function uploadRoutes(db: Database, uploadsDir: string, limit = uploadLimitFromEnv()) {
  return new Hono().post('/', async (c) => {
    const folder = newUploadFolder(uploadsDir);
    let keep = false;
    try {
      const received = await receiveUpload(c, folder, limit, TEXT_FIELDS);
      const fields = uploadFields.safeParse(received.fields);
      if (!fields.success) throw new HTTPException(400, { message: describeIssues(fields.error) });
      if (received.files.length === 0) throw new HTTPException(400, { message: 'files: the upload holds no file' });

      const result = await loadFiles(db, received.files, {
        as: fields.data.as,
        replace: fields.data.replace === 'true',
        dateFormat: fields.data.date_format,
        mapping: fields.data.mapping
      }).catch((error: unknown) => {
        // the rows are saved even though the figures are not rebuilt: their files stay with them
        if (error instanceof FiguresNotRebuilt) keep = true;
        throw error;
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
