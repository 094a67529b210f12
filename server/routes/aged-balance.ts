// GET /api/aged-balance: customers × aging buckets plus credits at an as-of date, filtered and
// sorted; /invoices: the invoices behind one cell (a customer and a column).
import { Hono } from 'hono';
import { agedBalanceQuery, agedCellQuery, agedBalanceReport, agedCellReport } from '../contracts/aged-balance.ts';
import { agedBalance, agedCell } from '../queries/aged-balance.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function agedBalanceRoutes(db: Reader) {
  return new Hono()
    .get(
      '/',
      doc({
        summary: 'Aged balance by customer: each customer × aging bucket plus credits at an as-of date, filtered and sorted, with totals',
        response: agedBalanceReport
      }),
      validate('query', agedBalanceQuery),
      async (c) => c.json(await agedBalance(db, c.req.valid('query')))
    )
    .get(
      '/invoices',
      doc({ summary: 'The invoices behind one cell of the aged balance (a customer and a column)', response: agedCellReport }),
      validate('query', agedCellQuery),
      async (c) => c.json(await agedCell(db, c.req.valid('query')))
    );
}
