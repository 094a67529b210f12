// POST /api/users (admin): add a user with a role; GET /api/users: who exists.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AuthService } from '../auth/service.ts';
import { newUser } from '../contracts/auth.ts';
import { validate } from '../validate.ts';

export function userRoutes(auth: AuthService | 'disabled') {
  const service = () => {
    if (auth === 'disabled') throw new HTTPException(404, { message: 'sign-in is disabled on this server' });
    return auth;
  };
  return new Hono()
    .get('/', async (c) => c.json({ users: await service().listUsers() }))
    .post('/', validate('json', newUser), async (c) => {
      const user = c.req.valid('json');
      if (await service().userExists(user.username)) throw new HTTPException(409, { message: `username: ${user.username} exists already` });
      await service().createUser(user);
      return c.json({ username: user.username, role: user.role, collector: user.role === 'collector' ? user.collector : null }, 201);
    });
}
