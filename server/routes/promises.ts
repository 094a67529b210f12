// GET /api/promises: promises to pay around an as-of date with their status (due this week,
// overdue, kept, broken, later), filtered by status, collector or customer.
import { Hono } from 'hono';
import { promisesQuery } from '../contracts/promises.ts';
import { promises } from '../queries/promises.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';

export function promisesRoutes(db: Reader) {
  return new Hono().get('/', validate('query', promisesQuery), async (c) => c.json(await promises(db, c.req.valid('query'))));
}
