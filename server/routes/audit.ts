// GET /api/audit (admin): the audit trail, newest first — loads, undos, user changes, sign-ins.
import { Hono } from 'hono';
import { auditQuery, type AuditReport, auditReport } from '../contracts/audit.ts';
import type { Database } from '../db.ts';
import { listAudit } from '../audit/log.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function auditRoutes(db: Database) {
  return new Hono().get(
    '/',
    doc({
      summary: 'The audit trail, newest first: loads, undos, user changes and sign-ins with who, when and from where (admin only)',
      response: auditReport
    }),
    validate('query', auditQuery),
    async (c) => c.json({ entries: await listAudit(db, c.req.valid('query').limit) } satisfies AuditReport)
  );
}
