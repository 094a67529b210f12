// GET /api/performance: per collector and channel over a period, touches, promises made and kept,
// cash from their book, its CEI and the share of touches followed by a payment within 7 days.
import { Hono } from 'hono';
import { performanceQuery, performanceReport } from '../contracts/performance.ts';
import { performance } from '../queries/performance.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function performanceRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({
      summary:
        "Per collector and channel over a period: touches, promises made and kept, cash from their book, the book's CEI and the share of touches followed by a payment within 7 days",
      response: performanceReport
    }),
    validate('query', performanceQuery),
    async (c) => c.json(await performance(db, c.req.valid('query')))
  );
}
