import { api } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, params, url }) => ({
  id: params.id,
  customer: api(fetch).customer(params.id, { as_of: url.searchParams.get('as_of') ?? undefined })
});
