// Signing in and calling the API as a signed-in user, the way the pages do it: POST /api/session,
// then the session cookie on each request with the CSRF token as X-CSRF-Token.
import { expect } from 'vitest';

export interface Session {
  cookie: string;
  csrf: string;
}

/** createApp()'s `request` (env: what a test passes as the node server's, e.g. the client's address). */
interface App {
  request(path: string, init?: RequestInit, env?: object): Response | Promise<Response>;
}

/** POST /api/session: its status, and the session it opened when that is 200. */
export async function signIn(app: App, username: string, password: string, env?: object): Promise<{ status: number; session?: Session }> {
  const response = await app.request(
    '/api/session',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) },
    env
  );
  if (response.status !== 200) return { status: response.status };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: 200, session: { cookie, csrf: ((await response.json()) as { csrf_token: string }).csrf_token } };
}

/** A sign-in that must succeed. */
export async function openSession(app: App, username: string, password: string, env?: object): Promise<Session> {
  const answer = await signIn(app, username, password, env);
  expect(answer.status, `sign in ${username}`).toBe(200);
  return answer.session!;
}

/** A request as the page sends it: the session's cookie and CSRF token (none without a session), a JSON body or a form as it is. */
export function requestAs(
  app: App,
  session: Session | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  env?: object
): Response | Promise<Response> {
  const isForm = body instanceof FormData;
  return app.request(
    path,
    {
      method,
      headers: {
        ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrf }),
        ...(body !== undefined && !isForm && { 'content-type': 'application/json' }),
        ...headers
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body)
    },
    env
  );
}

/** A JSON POST with no session (for an app built with auth: 'disabled'). */
export const postJson = (app: App, path: string, body: unknown) => requestAs(app, null, 'POST', path, body);
