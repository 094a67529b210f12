// A single-page app served by the Hono process: everything renders in the browser.
export const ssr = false;
export const prerender = false;
