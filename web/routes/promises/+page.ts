// Promises to pay under the as-of date, status, collector and window in the URL.
import { api } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const client = api(fetch);
  const get = (key: string) => url.searchParams.get(key) ?? undefined;
  const query = { as_of: get('as_of'), status: get('status'), collector: get('collector'), window: get('window') };
  return { query, ledger: client.ledger(), report: client.promises(query) };
};
