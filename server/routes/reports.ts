// GET /api/kpis, /api/period, /api/aging, /api/series: validate, call the report, answer JSON.
import { Hono } from 'hono';
import { agingQuery, kpisQuery, periodQuery, seriesQuery } from '../contracts/reports.ts';
import type { Reader } from '../queries/reader.ts';
import * as reports from '../queries/reports.ts';
import { validate } from '../validate.ts';

export function kpisRoutes(db: Reader) {
  return new Hono().get('/', validate('query', kpisQuery), async (c) => c.json(await reports.kpis(db, c.req.valid('query'))));
}

export function periodRoutes(db: Reader) {
  return new Hono().get('/', validate('query', periodQuery), async (c) => c.json(await reports.period(db, c.req.valid('query'))));
}

export function agingRoutes(db: Reader) {
  return new Hono().get('/', validate('query', agingQuery), async (c) => c.json(await reports.aging(db, c.req.valid('query'))));
}

export function seriesRoutes(db: Reader) {
  return new Hono().get('/', validate('query', seriesQuery), async (c) => c.json(await reports.series(db, c.req.valid('query'))));
}
