// GET /api/loads: every load, newest first (what the upload page lists); POST /api/loads/:id/undo:
// remove that load's rows and rebuild the models, on the serialised write path.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { loadIdParam, type UndoReport, type WriteProgressReport, loadsReport, undoReport, writeProgress } from '../contracts/loads.ts';
import type { Database } from '../db.ts';
import { IngestError, undoLoad } from '../ingest/index.ts';
import { refreshModelsShowingProgress } from '../loading.ts';
import { modelsUpToDate } from '../models.ts';
import { validate } from '../validate.ts';
import { basename } from 'node:path';
import { recordAudit } from '../audit/log.ts';
import { removeLoadFiles } from '../uploads-folder.ts';
import type { AuthVariables } from '../auth/middleware.ts';
import type { Principal } from '../auth/roles.ts';
import { undoRefusal } from '../auth/undo-rule.ts';
import { listLoads, loadOwner } from '../queries/loads.ts';
import { doc } from '../openapi.ts';

/** 403 in words when `principal` may not undo the load (404 when there is no such load). */
async function ensureMayUndo(db: Database, principal: Principal, loadId: number): Promise<void> {
  const load = await loadOwner(db, loadId);
  if (!load) throw new HTTPException(404, { message: `load ${loadId} does not exist` });
  const refusal = undoRefusal(principal, load);
  if (refusal) throw new HTTPException(403, { message: refusal });
}

export async function undo(db: Database, loadId: number): Promise<UndoReport> {
  return db.write(async (connection) => {
    db.setWriteStep('undoing', `undoing load ${loadId}`);
    try {
      const modelsWereUpToDate = await modelsUpToDate(connection);
      const { removed } = await undoLoad(connection, loadId);
      // undoing a load twice removes nothing the second time: the models are already right
      if (Object.values(removed).some((n) => n > 0)) {
        await refreshModelsShowingProgress(db, connection, `load ${loadId} undone`, { arrivedLoads: [], modelsWereUpToDate });
      }
      return { load_id: loadId, removed };
    } catch (error) {
      if (error instanceof IngestError)
        throw new HTTPException(/does not exist/.test(error.message) ? 404 : 400, { message: error.message });
      throw error;
    }
  });
}

export function loadsRoutes(db: Database, uploadsDir: string) {
  return new Hono<{ Variables: AuthVariables }>()
    .get('/', doc({ summary: 'Every load (file, table, rows, undone or not), newest first', response: loadsReport }), async (c) =>
      c.json(await listLoads(db, c.get('principal')))
    )
    .get(
      '/progress',
      doc({ summary: 'The write under way (a load or an undo): its step and how far DuckDB is through it', response: writeProgress }),
      (c) => c.json(db.writeProgress() satisfies WriteProgressReport)
    )
    .post(
      '/:id/undo',
      doc({ summary: 'Undo one load: delete its rows and rebuild the models', response: undoReport }),
      validate('param', loadIdParam),
      async (c) => {
        // refused before it queues on the write path: a refusal never waits behind a load
        await ensureMayUndo(db, c.get('principal'), c.req.valid('param').id);
        const report = await undo(db, c.req.valid('param').id);
        // the undone load's file leaves the uploads folder, and so Explore
        const files = removeLoadFiles(uploadsDir, report.load_id);
        const removed = Object.entries(report.removed)
          .map(([table, n]) => `${n} ${table}`)
          .join(', ');
        await recordAudit(
          db,
          c,
          'undo',
          `load ${report.load_id} undone: ${removed} removed${files.length ? `; file ${files.map((f) => basename(f)).join(', ')} deleted` : ''}`
        );
        return c.json(report);
      }
    );
}
