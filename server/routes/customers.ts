// GET /api/customers: customers with their open and past-due balances, ranked; GET /api/customers/:id:
// one customer's page. Reads: server/queries/customers.ts.
import { Hono } from 'hono';
import { customerQuery, customersQuery, customerReport, customersReport } from '../contracts/dashboard.ts';
import { customer, customers } from '../queries/customers.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';
import { z } from 'zod';
import { doc } from '../openapi.ts';

export function customerRoutes(db: Reader) {
  return new Hono()
    .get(
      '/',
      doc({ summary: 'Customers with their balances at an as-of date, ranked', response: customersReport }),
      validate('query', customersQuery),
      async (c) => c.json(await customers(db, c.req.valid('query')))
    )
    .get(
      '/:id',
      doc({
        summary: "One customer's page: figures, own KPIs, drift, open invoices, payment history and activity timeline",
        response: customerReport,
        params: z.object({ id: z.string() })
      }),
      validate('query', customerQuery),
      async (c) => c.json(await customer(db, c.req.param('id'), c.req.valid('query')))
    );
}
