import { api } from '$lib/api.ts';
import { worklist } from '$lib/risk.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const collector = url.searchParams.get('collector') ?? undefined;
  const as_of = url.searchParams.get('as_of') ?? undefined;
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0);
  return { collector, as_of, offset, ledger: api(fetch).ledger(), worklist: worklist(fetch, { collector, as_of, offset }) };
};
