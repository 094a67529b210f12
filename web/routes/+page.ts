// The overview's data: started here, not awaited, so the page shows at once and each card fills in
// as its own answer arrives. The weekly review (tiles, DSO, aging, cash) goes first: the server's
// DuckDB queries share two cores, so racing recovery and drift against it would only delay the tiles.
import { api } from '$lib/api.ts';
import { topDrift } from '$lib/risk.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const client = api(fetch);
  const week = url.searchParams.get('week') ?? undefined;
  const review = client.review({ week_end: week });
  const reviewSettled = review.then(
    () => undefined,
    () => undefined
  );
  return {
    week,
    ledger: client.ledger(),
    review,
    recovery: reviewSettled.then(() => client.recovery({ week_end: week })),
    drift: review.then((r) => topDrift(fetch, r.week_end))
  };
};
