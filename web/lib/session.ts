// Who is signed in and what their role may do (GET /api/session), read once by the layout's load.
// Pages read it from their data (`me`) to show only the panels and controls the server lets through.
import { request, type Fetch } from './api.ts';
import type { Me } from '../../server/contracts/auth.ts';

export type { Me } from '../../server/contracts/auth.ts';
export type Permission = keyof NonNullable<Me['can']>;

/** null when nobody is signed in (the sign-in page), or sign-in is off and nothing is known. */
export async function signedIn(fetcher: Fetch): Promise<Me | null> {
  try {
    return await request<Me>(fetcher, '/session');
  } catch {
    return null;
  }
}

/** Whether the signed-in user may; a server without sign-in (no `can`) lets everything through. */
export function may(me: Me | null, permission: Permission): boolean {
  return me?.can ? me.can[permission] : true;
}

export async function signOut(fetcher: Fetch = fetch): Promise<void> {
  await request(fetcher, '/session', { method: 'DELETE' }).catch(() => undefined);
  location.assign('/login');
}
