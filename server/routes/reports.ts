// GET /api/kpis, /api/period, /api/aging, /api/series: validate, call the report, answer JSON.
import { Hono } from 'hono';
import {
  agingQuery,
  agingReport,
  kpisQuery,
  kpisReport,
  periodQuery,
  periodReport,
  seriesQuery,
  seriesReport
} from '../contracts/reports.ts';
import { doc } from '../openapi.ts';
import type { Reader } from '../queries/reader.ts';
import * as reports from '../queries/reports.ts';
import { validate } from '../validate.ts';

export function kpisRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'AR, DSO, BPDSO, ADD, countback DSO and past-due share at an as-of date', response: kpisReport }),
    validate('query', kpisQuery),
    async (c) => c.json(await reports.kpis(db, c.req.valid('query')))
  );
}

export function periodRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'CEI, cash, cost per dollar, write-offs, disputes, promises and recovery of a period', response: periodReport }),
    validate('query', periodQuery),
    async (c) => c.json(await reports.period(db, c.req.valid('query')))
  );
}

export function agingRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'Balances and invoices per aging bucket at an as-of date', response: agingReport }),
    validate('query', agingQuery),
    async (c) => c.json(await reports.aging(db, c.req.valid('query')))
  );
}

export function seriesRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'Weekly or monthly points: period KPIs and as-of KPIs at each period end', response: seriesReport }),
    validate('query', seriesQuery),
    async (c) => c.json(await reports.series(db, c.req.valid('query')))
  );
}
