// The accounts endpoints (admin only): list, add, change, reset a password.
import { request, type Fetch } from './api.ts';
import type { NewUser, UserSummary } from '../../server/contracts/auth.ts';

export type { UserSummary } from '../../server/contracts/auth.ts';
export type UserChange = { role?: UserSummary['role']; collector?: string | null; disabled?: boolean };

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function usersApi(fetcher: Fetch = fetch) {
  return {
    list: () => request<{ users: UserSummary[] }>(fetcher, '/users'),
    add: (user: NewUser) => request<UserSummary>(fetcher, '/users', json('POST', user)),
    change: (username: string, change: UserChange) =>
      request<UserSummary>(fetcher, `/users/${encodeURIComponent(username)}`, json('PATCH', change)),
    resetPassword: (username: string) =>
      request<{ username: string; generated: boolean; password?: string }>(
        fetcher,
        `/users/${encodeURIComponent(username)}/password`,
        json('POST', {})
      )
  };
}

/** A password for a new account, made in the browser (crypto.getRandomValues), 18 random bytes. */
export function newPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
