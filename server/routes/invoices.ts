// GET /api/invoices: the open invoices behind a figure, filtered and paged; /buckets: the aging under
// the same filters; /customers: the customers of a bucket. Reads: server/queries/invoices.ts.
import { Hono } from 'hono';
import { invoiceFilters, invoicesQuery } from '../contracts/dashboard.ts';
import { bucketCustomers, bucketTotals, openInvoices } from '../queries/invoices.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';

export function invoiceRoutes(db: Reader) {
  return new Hono()
    .get('/', validate('query', invoicesQuery), async (c) => c.json(await openInvoices(db, c.req.valid('query'))))
    .get('/buckets', validate('query', invoiceFilters), async (c) => c.json(await bucketTotals(db, c.req.valid('query'))))
    .get('/customers', validate('query', invoiceFilters), async (c) => c.json(await bucketCustomers(db, c.req.valid('query'))));
}
