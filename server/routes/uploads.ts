// POST /api/uploads: multipart CSV/Parquet files (+ optional as, replace, date_format, mapping) →
// the ingest JSON of interface.md. The body streams to disk as it comes, within RADAR_UPLOAD_LIMIT
// (received-files.ts). A client that leaves before the load commits stops it.
import { rmSync } from 'node:fs';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { uploadFields, ingestReport } from '../contracts/uploads.ts';
import type { Database } from '../db.ts';
import { loadFiles, summariseRejections } from '../loading.ts';
import { FiguresNotRebuilt } from '../write-errors.ts';
import { markCommitted, newUploadFolder } from '../uploads-folder.ts';
import { describeIssues } from '../validate.ts';
import { receiveUpload, uploadLimitFromEnv } from './received-files.ts';
import { loadDetail, recordAudit } from '../audit/log.ts';
import type { Principal } from '../auth/roles.ts';
import type { AuthVariables } from '../auth/middleware.ts';
import { loadFilesOf } from '../queries/loads.ts';
import { doc } from '../openapi.ts';

const TEXT_FIELDS = ['as', 'replace', 'date_format', 'mapping'];

/** Who the load is recorded as loaded by: nobody where sign-in is switched off. */
const uploader = (principal: Principal | undefined) => (principal && principal.via !== 'disabled' ? principal.username : undefined);

export function uploadRoutes(db: Database, uploadsDir: string, limit = uploadLimitFromEnv()) {
  return new Hono<{ Variables: AuthVariables }>().post(
    '/',
    doc({
      summary: 'Load CSV or Parquet files (multipart: one or more files, optional as, replace, date_format); all or nothing',
      response: ingestReport,
      body: { contentType: 'multipart/form-data', schema: uploadFields }
    }),
    async (c) => {
      const folder = newUploadFolder(uploadsDir);
      let keep = false;
      try {
        const received = await receiveUpload(c, folder, limit, TEXT_FIELDS);
        const fields = uploadFields.safeParse(received.fields);
        if (!fields.success) throw new HTTPException(400, { message: describeIssues(fields.error) });
        if (received.files.length === 0) throw new HTTPException(400, { message: 'files: the upload holds no file' });

        const result = await loadFiles(
          db,
          received.files,
          {
            as: fields.data.as,
            replace: fields.data.replace === 'true',
            dateFormat: fields.data.date_format,
            mapping: fields.data.mapping,
            loadedBy: uploader(c.var.principal)
          },
          c.req.raw.signal
        ).catch(async (error: unknown) => {
          // the rows are saved even though the figures are not rebuilt: their files stay with them
          if (error instanceof FiguresNotRebuilt) {
            keep = true;
            const saved = /\(load ([\d, ]+)\)/.exec(error.message)?.[1].split(', ').map(Number) ?? [];
            markCommitted(folder, await loadFilesOf(db, saved).catch(() => []));
          }
          throw error;
        });
        const report = { loaded: result.loaded, rejected: result.rejected };
        if (result.rejected.length > 0) return c.json({ ...report, error: summariseRejections(result.rejected) }, 400);
        keep = true; // loaded files stay, so Explore can query them
        markCommitted(folder, await loadFilesOf(db, result.loadIds));
        await recordAudit(
          db,
          c,
          'load',
          loadDetail(
            result.loadIds,
            received.files.map((f) => f.name),
            result.loaded
          )
        );
        return c.json(report);
      } finally {
        if (!keep) rmSync(folder, { recursive: true, force: true });
      }
    }
  );
}
