// GET /api/review: the controller's weekly review; /recovery: recovery by bucket over 13 weeks and
// the 13 before. Reads: server/queries/review.ts.
import { Hono } from 'hono';
import { recoveryQuery, reviewQuery, recoveryComparison, reviewReport } from '../contracts/dashboard.ts';
import type { Reader } from '../queries/reader.ts';
import { recovery, review } from '../queries/review.ts';
import { validate } from '../validate.ts';
import { keptJson } from './kept-json.ts';
import { doc } from '../openapi.ts';

export function reviewRoutes(db: Reader) {
  return new Hono()
    .get(
      '/',
      doc({
        summary:
          "The overview's weekly review: every KPI for N weeks ending with the week, with changes against 1 and 13 weeks before, and the weekly aging",
        response: reviewReport
      }),
      validate('query', reviewQuery),
      keptJson(db, 'review', review)
    )
    .get(
      '/recovery',
      doc({
        summary: 'Recovery rate by bucket over the 13 weeks ending with the week, and the 13 weeks before',
        response: recoveryComparison
      }),
      validate('query', recoveryQuery),
      keptJson(db, 'recovery', recovery)
    );
}
