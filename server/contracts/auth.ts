// Sign-in and user management: POST/GET/DELETE /api/session, POST/GET /api/users.
import { z } from 'zod';

export const role = z.enum(['admin', 'controller', 'collector', 'analyst'], { message: 'must be admin, controller, collector or analyst' });

export const signIn = z.object({
  username: z.string().min(1, 'must not be empty').max(100),
  password: z.string().min(1, 'must not be empty').max(1000)
});

export const me = z.object({
  username: z.string(),
  role,
  collector: z.string().nullable(),
  csrf_token: z.string().optional()
});

export const newUser = z
  .object({
    username: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    password: z.string().min(12, 'must be at least 12 characters').max(1000),
    role,
    collector: z.string().trim().min(1).max(200).optional()
  })
  .refine((user) => user.role !== 'collector' || user.collector, { message: 'a collector needs the collector name their customers carry', path: ['collector'] });

export type Me = z.infer<typeof me>;
export type NewUser = z.infer<typeof newUser>;
