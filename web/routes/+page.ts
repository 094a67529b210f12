// The overview's data: started here, not awaited, so the page shows at once and each card fills in
// as its own answer arrives. The weekly review (tiles, DSO, aging, cash) goes first: the server's
// DuckDB queries share two cores, so racing recovery and drift against it would only delay the tiles.
// A collector reads the same review of their own book: the server sets the collector on their
// requests (server/auth/collector-scope.ts) and the answers name it; the drift list and the cash
// forecast are the company's, so their page asks for neither.
import { api } from '$lib/api.ts';
import { topDrift } from '$lib/risk.ts';
import { may } from '$lib/session.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const client = api(fetch);
  const week = url.searchParams.get('week') ?? undefined;
  const { me } = await parent();
  const ledger = client.ledger();
  const book = me?.role === 'collector' ? { collector: me.collector ?? '' } : null;
  const review = client.review({ week_end: week });
  const reviewSettled = review.then(
    () => undefined,
    () => undefined
  );
  return {
    week,
    ledger,
    book,
    review,
    recovery: reviewSettled.then(() => client.recovery({ week_end: week })),
    drift: !book && may(me, 'read_drift') ? review.then((r) => topDrift(fetch, r.week_end)) : null
  };
};
