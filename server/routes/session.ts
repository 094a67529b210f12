// POST /api/session signs in (sets the session and CSRF cookies), GET says who is signed in,
// DELETE signs out.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { clearSessionCookies, setSessionCookies } from '../auth/cookies.ts';
import { sameOrigin, type AuthVariables } from '../auth/middleware.ts';
import type { AuthService } from '../auth/service.ts';
import { permissionsOf } from '../auth/permissions.ts';
import { signIn, me } from '../contracts/auth.ts';
import { validate } from '../validate.ts';
import type { Database } from '../db.ts';
import { recordAudit } from '../audit/log.ts';
import { clientAddress } from '../auth/address.ts';
import { TooManyAttempts } from '../auth/sign-in-limits.ts';
import { doc } from '../openapi.ts';
import { z } from 'zod';

const signedOut = z.object({ signed_out: z.literal(true) });

export function sessionRoutes(auth: AuthService | 'disabled', db: Database) {
  return new Hono<{ Variables: AuthVariables }>()
    .post(
      '/',
      doc({ summary: 'Sign in: sets the httpOnly session cookie and the radar_csrf cookie (public; DELETE signs out)', response: me }),
      validate('json', signIn),
      async (c) => {
        if (auth === 'disabled') throw new HTTPException(404, { message: 'sign-in is disabled on this server' });
        // a cross-site form must not sign a victim in under the attacker's account (login CSRF)
        if (c.req.header('origin') && !sameOrigin(c))
          throw new HTTPException(403, { message: 'sign in from the Receivables Radar page itself' });
        const { username, password } = c.req.valid('json');
        const address = clientAddress(c);
        let attempt;
        try {
          attempt = auth.limits.take(username, address);
        } catch (error) {
          if (!(error instanceof TooManyAttempts)) throw error;
          await recordAudit(db, c, 'sign-in-delayed', error.message, username);
          throw new HTTPException(429, {
            res: Response.json({ error: error.message }, { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } })
          });
        }
        const signedIn = await auth.signIn(username, password);
        if (!signedIn) {
          await recordAudit(db, c, 'sign-in-failed', 'wrong username or password', username);
          throw new HTTPException(401, { message: 'wrong username or password' });
        }
        attempt.succeeded();
        await recordAudit(db, c, 'sign-in', `signed in as ${signedIn.principal.role}`, username);
        setSessionCookies(c, signedIn.token, signedIn.csrfToken, signedIn.expiresAt);
        const { username: name, role, collector } = signedIn.principal;
        return c.json({ username: name, role, collector, csrf_token: signedIn.csrfToken, can: permissionsOf(role) });
      }
    )
    .get('/', doc({ summary: 'Who is signed in (401 when nobody)', response: me }), (c) => {
      const { username, role, collector } = c.get('principal');
      return c.json({ username, role, collector, csrf_token: c.get('csrfToken'), can: permissionsOf(role) });
    })
    .delete('/', doc({ summary: 'Sign out: ends the session and clears its cookies', response: signedOut }), async (c) => {
      const token = c.get('sessionToken');
      if (auth !== 'disabled' && token) {
        await auth.signOut(token);
        await recordAudit(db, c, 'sign-out', 'signed out');
      }
      clearSessionCookies(c);
      return c.json({ signed_out: true });
    });
}
