// The overview's data: started here, not awaited, so the page shows at once and fills in.
import { api } from '$lib/api.ts';
import { topDrift } from '$lib/risk.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const client = api(fetch);
  const week = url.searchParams.get('week') ?? undefined;
  const review = client.review({ week_end: week });
  return {
    week,
    ledger: client.ledger(),
    review,
    recovery: client.recovery({ week_end: week }),
    drift: review.then((r) => topDrift(fetch, r.week_end))
  };
};
