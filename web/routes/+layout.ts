// A single-page app served by the Hono process: everything renders in the browser. The layout
// knows who is signed in before any page loads, so a page asks only for what the role may read.
import { signedIn } from '$lib/session.ts';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async ({ fetch }) => ({ me: await signedIn(fetch) });
