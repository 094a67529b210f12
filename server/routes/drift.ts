// GET /api/drift: validate, call the drift report, answer JSON.
import { Hono } from 'hono';
import { driftQuery, driftReport } from '../contracts/risk.ts';
import type { Reader } from '../queries/reader.ts';
import { drift } from '../queries/drift.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function driftRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'Payment-behaviour drift score (0–100), flag and reasons of every customer, highest first', response: driftReport }),
    validate('query', driftQuery),
    async (c) => c.json(await drift(db, c.req.valid('query')))
  );
}
