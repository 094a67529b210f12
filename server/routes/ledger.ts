// GET /api/ledger: what the loaded ledger spans and holds. Read: server/queries/ledger.ts.
import { Hono } from 'hono';
import { ledgerInfo } from '../queries/ledger.ts';
import type { Reader } from '../queries/reader.ts';

export function ledgerRoutes(db: Reader) {
  return new Hono().get('/', async (c) => c.json(await ledgerInfo(db)));
}
