// GET /api/forecast (interface.md) and /api/forecast/history (the overview's forecast vs actual).
import { Hono } from 'hono';
import { forecastHistoryQuery, forecastQuery } from '../contracts/forecast.ts';
import { forecast, forecastHistory } from '../forecast/report.ts';
import type { Reader } from '../reports.ts';
import { validate } from '../validate.ts';

export function forecastRoutes(db: Reader) {
  return new Hono()
    .get('/', validate('query', forecastQuery), async (c) => c.json(await forecast(db, c.req.valid('query'))))
    .get('/history', validate('query', forecastHistoryQuery), async (c) => c.json(await forecastHistory(db, c.req.valid('query'))));
}
