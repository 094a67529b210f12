// GET /api/forecast (interface.md); for the dashboard /weeks (the overview's chart), /invoices?customer_id=
// (a customer's page) and /history (the overview's forecast vs actual).
import { Hono } from 'hono';
import { forecastHistoryQuery, forecastInvoicesQuery, forecastQuery } from '../contracts/forecast.ts';
import { customerForecast, forecast, forecastHistory, forecastWeeksOnly } from '../forecast/report.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';

export function forecastRoutes(db: Reader) {
  return new Hono()
    .get('/', validate('query', forecastQuery), async (c) => c.json(await forecast(db, c.req.valid('query'))))
    .get('/weeks', validate('query', forecastQuery), async (c) => c.json(await forecastWeeksOnly(db, c.req.valid('query'))))
    .get('/invoices', validate('query', forecastInvoicesQuery), async (c) => c.json(await customerForecast(db, c.req.valid('query'))))
    .get('/history', validate('query', forecastHistoryQuery), async (c) => c.json(await forecastHistory(db, c.req.valid('query'))));
}
