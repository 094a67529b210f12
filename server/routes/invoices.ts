// GET /api/invoices: the open invoices behind a figure, filtered and paged; /buckets: the aging under
// the same filters; /customers: the customers of a bucket. Reads: server/queries/invoices.ts.
import { Hono } from 'hono';
import { invoiceFilters, invoicesQuery, bucketCustomersReport, bucketsReport, invoicesReport } from '../contracts/dashboard.ts';
import { bucketCustomers, bucketTotals, openInvoices } from '../queries/invoices.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function invoiceRoutes(db: Reader) {
  return new Hono()
    .get(
      '/',
      doc({
        summary: 'Open invoices at an as-of date, filtered (bucket, customer, collector, segment ...) and paged',
        response: invoicesReport
      }),
      validate('query', invoicesQuery),
      async (c) => c.json(await openInvoices(db, c.req.valid('query')))
    )
    .get(
      '/buckets',
      doc({ summary: 'Open balance and invoices per aging bucket under the same filters as /api/invoices', response: bucketsReport }),
      validate('query', invoiceFilters),
      async (c) => c.json(await bucketTotals(db, c.req.valid('query')))
    )
    .get(
      '/customers',
      doc({ summary: 'The customers behind the filtered open invoices, with their balances', response: bucketCustomersReport }),
      validate('query', invoiceFilters),
      async (c) => c.json(await bucketCustomers(db, c.req.valid('query')))
    );
}
