// The overview's data: started here, not awaited, so the page shows at once and each card fills in
// as its own answer arrives. The weekly review (tiles, DSO, aging, cash) goes first: the server's
// DuckDB queries share two cores, so racing recovery and drift against it would only delay the tiles.
// A collector, who may not read the company's review, gets their book instead (kpis and aging of
// their customers, which the server answers for their book only).
import { api } from '$lib/api.ts';
import { topDrift } from '$lib/risk.ts';
import { may } from '$lib/session.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const client = api(fetch);
  const week = url.searchParams.get('week') ?? undefined;
  const { me } = await parent();
  const ledger = client.ledger();
  if (!may(me, 'read_review')) {
    const asOf = week ? Promise.resolve(week) : ledger.then((l) => l.last_week_end ?? undefined);
    return {
      week,
      ledger,
      book: {
        collector: me?.collector ?? '',
        kpis: asOf.then((as_of) => client.kpis({ as_of })),
        aging: asOf.then((as_of) => client.aging({ as_of }))
      }
    };
  }
  const review = client.review({ week_end: week });
  const reviewSettled = review.then(
    () => undefined,
    () => undefined
  );
  return {
    week,
    ledger,
    book: null,
    review,
    recovery: reviewSettled.then(() => client.recovery({ week_end: week })),
    drift: may(me, 'read_drift') ? review.then((r) => topDrift(fetch, r.week_end)) : null
  };
};
