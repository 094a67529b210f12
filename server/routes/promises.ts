// GET /api/promises: promises to pay around an as-of date with their status (due this week,
// overdue, kept, broken, later), filtered by status, collector or customer.
import { Hono } from 'hono';
import { promisesQuery, promisesReport } from '../contracts/promises.ts';
import { promises } from '../queries/promises.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function promisesRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({
      summary:
        'Promises to pay around an as-of date with their status (due this week, overdue, kept, broken, later) and a count per status',
      response: promisesReport
    }),
    validate('query', promisesQuery),
    async (c) => c.json(await promises(db, c.req.valid('query')))
  );
}
