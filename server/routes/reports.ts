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
import { keptJson } from './kept-json.ts';

export function kpisRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'AR, DSO, BPDSO, ADD, countback DSO and past-due share at an as-of date', response: kpisReport }),
    validate('query', kpisQuery),
    async (c) => {
      const query = c.req.valid('query');
      return keptJson(c, db, 'kpis', query, () => reports.kpis(db, query));
    }
  );
}

export function periodRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'CEI, cash, cost per dollar, write-offs, disputes, promises and recovery of a period', response: periodReport }),
    validate('query', periodQuery),
    async (c) => {
      const query = c.req.valid('query');
      return keptJson(c, db, 'period', query, () => reports.period(db, query));
    }
  );
}

export function agingRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'Balances and invoices per aging bucket at an as-of date', response: agingReport }),
    validate('query', agingQuery),
    async (c) => {
      const query = c.req.valid('query');
      return keptJson(c, db, 'aging', query, () => reports.aging(db, query));
    }
  );
}

export function seriesRoutes(db: Reader) {
  return new Hono().get(
    '/',
    doc({ summary: 'Weekly or monthly points: period KPIs and as-of KPIs at each period end', response: seriesReport }),
    validate('query', seriesQuery),
    async (c) => {
      const query = c.req.valid('query');
      return keptJson(c, db, 'series', query, () => reports.series(db, query));
    }
  );
}
