// GET /api/worklist: validate, call the worklist report, answer JSON.
import { Hono } from 'hono';
import { worklistQuery, worklistReport } from '../contracts/risk.ts';
import type { Reader } from '../queries/reader.ts';
import { worklist } from '../queries/worklist.ts';
import { validate } from '../validate.ts';
import { keptJson } from './kept-json.ts';
import { doc } from '../openapi.ts';

export function worklistRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({
      summary: 'Customers to chase, by priority, with open invoices, next action of the escalation ladder and reasons',
      response: worklistReport
    }),
    validate('query', worklistQuery),
    keptJson(db, 'worklist', worklist)
  );
}
