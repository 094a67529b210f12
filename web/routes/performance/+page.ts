// Collector performance for the period and collector in the URL (?from=&to=&collector=).
import { api } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const client = api(fetch);
  const get = (key: string) => url.searchParams.get(key) ?? undefined;
  const query = { from: get('from'), to: get('to'), collector: get('collector') };
  return { query, ledger: client.ledger(), report: client.performance(query) };
};
