// Every /api request is signed in (session cookie or bearer token) except signing in itself and the
// OpenAPI document; state changes with a cookie pass a CSRF check; the role decides the rest.
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Database } from '../db.ts';
import { CSRF_HEADER, sessionToken } from './cookies.ts';
import { scopeToCollector } from './collector-scope.ts';
import { allowed, type Principal } from './roles.ts';
import type { AuthService } from './service.ts';

export type AuthVariables = { principal: Principal; csrfToken?: string; sessionToken?: string };

const PUBLIC = new Set(['POST /api/session', 'GET /api/openapi.json']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const DISABLED: Principal = { username: 'anonymous', role: 'admin', collector: null, via: 'disabled' };

export function requireAuth(auth: AuthService | 'disabled', db: Database): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    if (auth === 'disabled') {
      c.set('principal', DISABLED);
      return next();
    }
    if (PUBLIC.has(`${c.req.method} ${c.req.path}`)) return next();

    const authorization = c.req.header('authorization');
    if (authorization) {
      const principal = /^Bearer\s+(.+)$/i.exec(authorization) ? auth.bearer(authorization.replace(/^Bearer\s+/i, '')) : null;
      if (!principal) throw new HTTPException(401, { message: 'the bearer token is not valid' });
      c.set('principal', principal);
      return next();
    }

    const token = sessionToken(c);
    const session = token ? await auth.session(token) : null;
    if (!session || !token) throw new HTTPException(401, { message: 'sign in first (POST /api/session)' });
    if (!SAFE_METHODS.has(c.req.method)) checkCsrf(c, session.csrf_token);
    const principal: Principal = { username: session.username, role: session.role, collector: session.collector, via: 'session' };
    if (!allowed(principal.role, c.req.method, c.req.path)) {
      throw new HTTPException(403, { message: `your role (${principal.role}) may not ${c.req.method} ${c.req.path}` });
    }
    if (principal.role === 'collector') await scopeToCollector(c, db, principal);
    c.set('principal', principal);
    c.set('csrfToken', session.csrf_token);
    c.set('sessionToken', token);
    return next();
  };
}

/**
 * Double submit: the X-CSRF-Token header equals the session's token. A browser form or XHR from
 * this very origin without the header passes on its Origin (or Sec-Fetch-Site: same-origin) instead;
 * anything else is refused.
 */
export function checkCsrf(c: Context, expected: string): void {
  const header = c.req.header(CSRF_HEADER);
  if (header) {
    if (header === expected) return;
    throw new HTTPException(403, { message: 'CSRF token does not match; reload the page' });
  }
  if (sameOrigin(c)) return;
  throw new HTTPException(403, { message: `CSRF check failed: send the ${CSRF_HEADER} header` });
}

export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin) {
    const host = c.req.header('host');
    try {
      return host !== undefined && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return c.req.header('sec-fetch-site') === 'same-origin';
}
