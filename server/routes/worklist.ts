// GET /api/worklist: validate, call the worklist report, answer JSON.
import { Hono } from 'hono';
import { worklistQuery } from '../contracts/risk.ts';
import type { Reader } from '../queries/reader.ts';
import { worklist } from '../risk/worklist.ts';
import { validate } from '../validate.ts';

export function worklistRoutes(db: Reader) {
  return new Hono().get('/', validate('query', worklistQuery), async (c) => c.json(await worklist(db, c.req.valid('query'))));
}
