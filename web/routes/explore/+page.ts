// Explore: the sources are fetched here (not awaited); the SQL lives in the URL (?sql=) so a query can be shared.
import { exploreSources } from '$lib/explore.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => ({
  sql: url.searchParams.get('sql') ?? '',
  sources: exploreSources(fetch)
});
