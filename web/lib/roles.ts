// The roles as the admin page offers them, each with what it may do in a few words (server/auth/roles.ts decides).
import type { UserSummary } from './users.ts';

export const ROLES: { value: UserSummary['role']; label: string }[] = [
  { value: 'collector', label: 'collector (their own customers)' },
  { value: 'controller', label: 'controller (reads all, uploads)' },
  { value: 'analyst', label: 'analyst (reads all, uploads, explores)' },
  { value: 'admin', label: 'admin (everything, users)' }
];
