// Accounts (admin only, roles.ts): GET /api/users lists them, POST adds one, PATCH /:username
// changes role, collector or disabled, POST /:username/password resets the password.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AuthVariables } from '../auth/middleware.ts';
import type { AuthService } from '../auth/service.ts';
import { UserChangeRefused } from '../auth/user-admin.ts';
import { newUser, passwordReset, userChange, usernameParam, passwordResetDone, userSummary, usersReport } from '../contracts/auth.ts';
import { validate } from '../validate.ts';
import type { Database } from '../db.ts';
import { recordAudit } from '../audit/log.ts';
import { doc } from '../openapi.ts';

/** A refused change answers in its own words and status (400 unknown collector, 404, 409). */
async function refusedAsHttp<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserChangeRefused) throw new HTTPException(error.status, { message: error.message });
    throw error;
  }
}

export function userRoutes(auth: AuthService | 'disabled', db: Database) {
  const users = () => {
    if (auth === 'disabled') throw new HTTPException(404, { message: 'sign-in is disabled on this server' });
    return auth.users;
  };
  return new Hono<{ Variables: AuthVariables }>()
    .get(
      '/',
      doc({ summary: 'Every account with its role, collector and whether it is disabled (admin only)', response: usersReport }),
      async (c) => c.json({ users: await users().list() })
    )
    .post(
      '/',
      doc({
        summary:
          "Add a user with a role (admin only); a collector's collector name must be one the ledger's customers carry (400 naming it otherwise)",
        response: userSummary
      }),
      validate('json', newUser),
      async (c) => {
        const created = await refusedAsHttp(users().create(c.req.valid('json')));
        await recordAudit(
          db,
          c,
          'user-created',
          `user ${created.username} created as ${created.role}${created.collector ? ` (collector ${created.collector})` : ''}`
        );
        return c.json(created, 201);
      }
    )
    .patch(
      '/:username',
      doc({
        summary:
          'Change role, collector or disabled (admin only); a disabled user is signed out and cannot sign in; the last active admin stays',
        response: userSummary
      }),
      validate('param', usernameParam),
      validate('json', userChange),
      async (c) => {
        const { username } = c.req.valid('param');
        const change = c.req.valid('json');
        const updated = await refusedAsHttp(users().update(username, change, c.get('principal')?.username));
        await recordAudit(db, c, 'user-changed', `user ${username} changed: ${JSON.stringify(change)}`);
        return c.json(updated);
      }
    )
    .post(
      '/:username/password',
      doc({
        summary: "Reset a user's password to the one given, or to a generated one answered once; their sessions end (admin only)",
        response: passwordResetDone
      }),
      validate('param', usernameParam),
      validate('json', passwordReset),
      async (c) => {
        const { username } = c.req.valid('param');
        const done = await refusedAsHttp(users().resetPassword(username, c.req.valid('json').password));
        await recordAudit(db, c, 'user-changed', `password of ${username} reset`);
        // the password goes back only when the server made it up: the admin who chose one knows it
        return c.json({ username: done.username, generated: done.generated, ...(done.generated ? { password: done.password } : {}) });
      }
    );
}
