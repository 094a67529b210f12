// The session cookie (httpOnly, SameSite=Lax, Secure over HTTPS) and the CSRF cookie the page reads
// to send back as X-CSRF-Token (double submit).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { config } from '../config.ts';

export const SESSION_COOKIE = 'radar_session';
export const CSRF_COOKIE = 'radar_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

function secure(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || config.secureCookies;
}

export function setSessionCookies(c: Context, token: string, csrfToken: string, expiresAt: number): void {
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: '/', maxAge });
  setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'Strict', secure: secure(c), path: '/', maxAge });
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure: secure(c) });
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
