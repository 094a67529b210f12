// The aged balance under the filters and sort in the URL; ?customer=&column= opens a cell's invoices.
import { api } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const client = api(fetch);
  const get = (key: string) => url.searchParams.get(key) ?? undefined;
  const filters = { as_of: get('as_of'), segment: get('segment'), collector: get('collector'), invoice_currency: get('invoice_currency') };
  const sort = { sort: get('sort'), dir: get('dir') };
  const cell = get('customer') && get('column') ? { customer_id: get('customer')!, column: get('column')! } : null;
  return {
    filters,
    sort,
    cell,
    ledger: client.ledger(),
    report: client.agedBalance({ ...filters, ...sort }),
    invoices: cell ? client.agedCell({ ...filters, ...cell }) : Promise.resolve(null)
  };
};
