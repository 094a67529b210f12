// The audit trail (GET /api/audit, admin only): who did what, when and from where.
import { z } from 'zod';
import { wholeNumber } from './common.ts';

export const auditQuery = z.object({
  limit: wholeNumber(1, 5000).default(500)
});

export const auditEntry = z.object({
  at: z.string().describe('UTC, YYYY-MM-DDTHH:MM:SS'),
  username: z.string(),
  role: z.string().nullable(),
  action: z.enum(['load', 'undo', 'user-created', 'user-changed', 'sign-in', 'sign-in-failed', 'sign-in-delayed', 'sign-out']),
  detail: z.string(),
  address: z.string()
});

export const auditReport = z.object({ entries: z.array(auditEntry) });

export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditAction = AuditEntry['action'];
export type AuditReport = z.infer<typeof auditReport>;
