// POST /api/session signs in (sets the session and CSRF cookies), GET says who is signed in,
// DELETE signs out.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { clearSessionCookies, setSessionCookies } from '../auth/cookies.ts';
import { sameOrigin, type AuthVariables } from '../auth/middleware.ts';
import type { AuthService } from '../auth/service.ts';
import { permissionsOf } from '../auth/permissions.ts';
import { signIn } from '../contracts/auth.ts';
import { validate } from '../validate.ts';

export function sessionRoutes(auth: AuthService | 'disabled') {
  return new Hono<{ Variables: AuthVariables }>()
    .post('/', validate('json', signIn), async (c) => {
      if (auth === 'disabled') throw new HTTPException(404, { message: 'sign-in is disabled on this server' });
      // a cross-site form must not sign a victim in under the attacker's account (login CSRF)
      if (c.req.header('origin') && !sameOrigin(c)) throw new HTTPException(403, { message: 'sign in from the Receivables Radar page itself' });
      const { username, password } = c.req.valid('json');
      if (auth.lockedOut(username)) throw new HTTPException(429, { message: 'too many wrong passwords for this user; wait 15 minutes' });
      const signedIn = await auth.signIn(username, password);
      if (!signedIn) throw new HTTPException(401, { message: 'wrong username or password' });
      setSessionCookies(c, signedIn.token, signedIn.csrfToken, signedIn.expiresAt);
      const { username: name, role, collector } = signedIn.principal;
      return c.json({ username: name, role, collector, csrf_token: signedIn.csrfToken, can: permissionsOf(role) });
    })
    .get('/', (c) => {
      const { username, role, collector } = c.get('principal');
      return c.json({ username, role, collector, csrf_token: c.get('csrfToken'), can: permissionsOf(role) });
    })
    .delete('/', async (c) => {
      const token = c.get('sessionToken');
      if (auth !== 'disabled' && token) await auth.signOut(token);
      clearSessionCookies(c);
      return c.json({ signed_out: true });
    });
}
