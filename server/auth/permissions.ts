// What a role may do, asked of roles.ts itself, so the page shows only the controls and panels the
// server would let through (the server still decides every request).
import { allowed, type Role } from './roles.ts';

const ACTIONS = {
  read_review: ['GET', '/api/review'],
  read_drift: ['GET', '/api/drift'],
  upload: ['POST', '/api/uploads'],
  undo_loads: ['POST', '/api/loads/1/undo'],
  explore: ['POST', '/api/explore/query'],
  log_activity: ['POST', '/api/activities'],
  manage_users: ['POST', '/api/users'],
  read_audit: ['GET', '/api/audit']
} as const;

export type Permission = keyof typeof ACTIONS;

export function permissionsOf(role: Role): Record<Permission, boolean> {
  return Object.fromEntries(Object.entries(ACTIONS).map(([name, [method, path]]) => [name, allowed(role, method, path)])) as Record<
    Permission,
    boolean
  >;
}
