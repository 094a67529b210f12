// GET /api/forecast (interface.md); for the dashboard /weeks (the overview's chart), /invoices?customer_id=
// (a customer's page) and /history (the overview's forecast vs actual).
import { Hono } from 'hono';
import {
  forecastHistoryQuery,
  forecastInvoicesQuery,
  forecastQuery,
  forecastHistory as forecastHistorySchema,
  forecastInvoicesReport,
  forecastReport,
  forecastWeeksReport
} from '../contracts/forecast.ts';
import { customerForecast, forecast, forecastHistory, forecastWeeksOnly } from '../queries/forecast.ts';
import type { Reader } from '../queries/reader.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function forecastRoutes(db: Reader) {
  return new Hono()
    .get(
      '/',
      doc({
        summary:
          "Cash expected per week from the invoices open at an as-of date (80 % interval) and each invoice's median pay date, 10th/90th percentiles and late probability",
        response: forecastReport
      }),
      validate('query', forecastQuery),
      async (c) => c.json(await forecast(db, c.req.valid('query')))
    )
    .get(
      '/weeks',
      doc({ summary: 'The weeks of the forecast alone (the overview chart)', response: forecastWeeksReport }),
      validate('query', forecastQuery),
      async (c) => c.json(await forecastWeeksOnly(db, c.req.valid('query')))
    )
    .get(
      '/invoices',
      doc({
        summary: "One customer's open invoices with their predicted pay dates and late probability",
        response: forecastInvoicesReport
      }),
      validate('query', forecastInvoicesQuery),
      async (c) => c.json(await customerForecast(db, c.req.valid('query')))
    )
    .get(
      '/history',
      doc({
        summary: "The last weeks' forecasts, each made the day before its week, beside the cash that came in; WAPE and interval coverage",
        response: forecastHistorySchema
      }),
      validate('query', forecastHistoryQuery),
      async (c) => c.json(await forecastHistory(db, c.req.valid('query')))
    );
}
