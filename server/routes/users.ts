// Accounts (admin only, roles.ts): GET /api/users lists them, POST adds one, PATCH /:username
// changes role, collector or disabled, POST /:username/password resets the password.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AuthVariables } from '../auth/middleware.ts';
import type { AuthService } from '../auth/service.ts';
import { UserChangeRefused } from '../auth/user-admin.ts';
import { newUser, passwordReset, userChange, usernameParam } from '../contracts/auth.ts';
import { validate } from '../validate.ts';

/** A refused change answers in its own words and status (400 unknown collector, 404, 409). */
async function refusedAsHttp<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserChangeRefused) throw new HTTPException(error.status, { message: error.message });
    throw error;
  }
}

export function userRoutes(auth: AuthService | 'disabled') {
  const users = () => {
    if (auth === 'disabled') throw new HTTPException(404, { message: 'sign-in is disabled on this server' });
    return auth.users;
  };
  return new Hono<{ Variables: AuthVariables }>()
    .get('/', async (c) => c.json({ users: await users().list() }))
    .post('/', validate('json', newUser), async (c) => c.json(await refusedAsHttp(users().create(c.req.valid('json'))), 201))
    .patch('/:username', validate('param', usernameParam), validate('json', userChange), async (c) => {
      const { username } = c.req.valid('param');
      return c.json(await refusedAsHttp(users().update(username, c.req.valid('json'), c.get('principal')?.username)));
    })
    .post('/:username/password', validate('param', usernameParam), validate('json', passwordReset), async (c) => {
      const { username } = c.req.valid('param');
      const done = await refusedAsHttp(users().resetPassword(username, c.req.valid('json').password));
      // the password goes back only when the server made it up: the admin who chose one knows it
      return c.json({ username: done.username, generated: done.generated, ...(done.generated ? { password: done.password } : {}) });
    });
}
