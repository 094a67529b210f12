// GET /api/review: the controller's weekly review; /recovery: recovery by bucket over 13 weeks and
// the 13 before. Reads: server/queries/review.ts.
import { Hono } from 'hono';
import { recoveryQuery, reviewQuery } from '../contracts/dashboard.ts';
import type { Reader } from '../queries/reader.ts';
import { recovery, review } from '../queries/review.ts';
import { validate } from '../validate.ts';

export function reviewRoutes(db: Reader) {
  return new Hono()
    .get('/', validate('query', reviewQuery), async (c) => c.json(await review(db, c.req.valid('query'))))
    .get('/recovery', validate('query', recoveryQuery), async (c) => c.json(await recovery(db, c.req.valid('query'))));
}
