// GET /api/kpis, /api/period, /api/aging, /api/series: the reports of interface.md, each the same
// route: its query validated, the report read (server/queries/reports.ts) and kept until the next write.
import { Hono } from 'hono';
import type { z } from 'zod';
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

type Report = 'kpis' | 'period' | 'aging' | 'series';

/** Each report's line in the OpenAPI document. */
const SUMMARIES: Record<Report, string> = {
  kpis: 'AR, DSO, BPDSO, ADD, countback DSO and past-due share at an as-of date',
  period: 'CEI, cash, cost per dollar, write-offs, disputes, promises and recovery of a period',
  aging: 'Balances and invoices per aging bucket at an as-of date',
  series: 'Weekly or monthly points: period KPIs and as-of KPIs at each period end'
};

/** GET /kpis, /period, /aging and /series under /api. */
export function reportRoutes(db: Reader) {
  const app = new Hono();
  const report = <Query extends z.ZodType<object>>(
    name: Report,
    query: Query,
    response: z.ZodType,
    read: (db: Reader, query: z.output<Query>) => Promise<unknown>
  ) => app.get(`/${name}`, doc({ summary: SUMMARIES[name], response }), validate('query', query), keptJson(db, name, read));
  report('kpis', kpisQuery, kpisReport, reports.kpis);
  report('period', periodQuery, periodReport, reports.period);
  report('aging', agingQuery, agingReport, reports.aging);
  report('series', seriesQuery, seriesReport, reports.series);
  return app;
}
