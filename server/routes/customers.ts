// GET /api/customers: customers with their open and past-due balances, ranked; GET /api/customers/:id:
// one customer's page. Reads: server/queries/customers.ts.
import { Hono } from 'hono';
import { customerQuery, customersQuery } from '../contracts/dashboard.ts';
import { customer, customers } from '../queries/customers.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';

export function customerRoutes(db: Reader) {
  return new Hono()
    .get('/', validate('query', customersQuery), async (c) => c.json(await customers(db, c.req.valid('query'))))
    .get('/:id', validate('query', customerQuery), async (c) => c.json(await customer(db, c.req.param('id'), c.req.valid('query'))));
}
