// GET /api/drift: validate, call the drift report, answer JSON.
import { Hono } from 'hono';
import { driftQuery } from '../contracts/risk.ts';
import type { Reader } from '../queries/reader.ts';
import { drift } from '../risk/drift.ts';
import { validate } from '../validate.ts';

export function driftRoutes(db: Reader) {
  return new Hono().get('/', validate('query', driftQuery), async (c) => c.json(await drift(db, c.req.valid('query'))));
}
