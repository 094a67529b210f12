// Aging under the filters in the URL (as_of, segment, collector, invoice_currency; bucket opens one,
// 'credits' the unapplied credits and over-payments). The reporting currency is added by lib/api.ts.
import { api } from '$lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const client = api(fetch);
  const get = (key: string) => url.searchParams.get(key) ?? undefined;
  const filters = { as_of: get('as_of'), segment: get('segment'), collector: get('collector'), invoice_currency: get('invoice_currency') };
  const bucket = get('bucket');
  return {
    filters,
    bucket,
    ledger: client.ledger(),
    buckets: client.buckets(filters),
    customers: bucket ? client.bucketCustomers({ ...filters, bucket }) : Promise.resolve(null),
    invoices: bucket ? client.invoices({ ...filters, bucket, limit: 500 }) : Promise.resolve(null)
  };
};
