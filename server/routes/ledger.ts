// GET /api/ledger: what the loaded ledger spans and holds. Read: server/queries/ledger.ts.
import { Hono } from 'hono';
import { ledgerInfo } from '../queries/ledger.ts';
import type { Reader } from '../queries/reader.ts';
import { ledgerInfo as ledgerInfoSchema } from '../contracts/dashboard.ts';
import { doc } from '../openapi.ts';

export function ledgerRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'What the loaded ledger spans and holds: dates, currencies, segments, collectors', response: ledgerInfoSchema }),
    async (c) => c.json(await ledgerInfo(db))
  );
}
