// Sign-in and user management: POST/GET/DELETE /api/session, GET/POST /api/users, PATCH /api/users/:username,
// POST /api/users/:username/password.
import { z } from 'zod';

export const role = z.enum(['admin', 'controller', 'collector', 'analyst'], { message: 'must be admin, controller, collector or analyst' });

export const signIn = z.object({
  username: z.string().min(1, 'must not be empty').max(100),
  password: z.string().min(1, 'must not be empty').max(1000)
});

export const permissions = z
  .object({
    read_review: z.boolean(),
    read_drift: z.boolean(),
    upload: z.boolean(),
    undo_loads: z.boolean(),
    explore: z.boolean(),
    log_activity: z.boolean(),
    manage_users: z.boolean(),
    read_audit: z.boolean()
  })
  .describe('what the role may do (server/auth/roles.ts), so a page shows only what works');

export const me = z.object({
  username: z.string(),
  role,
  collector: z.string().nullable(),
  csrf_token: z.string().optional(),
  can: permissions.optional()
});

export const newUser = z
  .object({
    username: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    password: z.string().min(12, 'must be at least 12 characters').max(1000),
    role,
    collector: z.string().trim().min(1).max(200).optional()
  })
  .refine((user) => user.role !== 'collector' || user.collector, {
    message: 'a collector needs the collector name their customers carry',
    path: ['collector']
  });

export const userSummary = z.object({
  username: z.string(),
  role,
  collector: z.string().nullable(),
  disabled: z.boolean(),
  created_at: z.string()
});

export const usersReport = z.object({ users: z.array(userSummary) });

export const userChange = z
  .object({
    role: role.optional(),
    collector: z.string().trim().min(1).max(200).nullable().optional(),
    disabled: z.boolean().optional()
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, { message: 'send role, collector or disabled', path: ['request'] });

export const passwordReset = z.object({ password: z.string().min(12, 'must be at least 12 characters').max(1000).optional() }).strict();

export const passwordResetDone = z.object({
  username: z.string(),
  generated: z.boolean(),
  password: z.string().optional().describe('the generated password, shown this once; absent when the admin chose it')
});

export const usernameParam = z.object({ username: z.string().min(1).max(100) });

export type Me = z.infer<typeof me>;
export type UserSummary = z.infer<typeof userSummary>;
export type NewUser = z.infer<typeof newUser>;
