// Parameters and answers of the reporting endpoints (kpis, period, aging, series). Pure: no Node imports.
import { z } from 'zod';
import { currencyCode, isoDate, limit, money, nullableRatio, windowDays } from './common.ts';

export const grain = z.enum(['week', 'month'], { message: "must be 'week' or 'month'" });

/** One collector's customers only (their "book"); a collector's own requests always carry it (server/auth/collector-scope.ts). */
export const bookCollector = z.string().trim().min(1, 'must not be empty').max(200).optional();

/** Said in an answer about a book: whose customers the figures are of (absent: the whole portfolio). */
export const bookOf = z.string().optional().describe("the collector whose customers' figures these are (absent: the whole portfolio)");

export const kpisQuery = z.object({
  as_of: isoDate.optional(),
  window: windowDays.default(90),
  collector: bookCollector,
  currency: currencyCode.optional()
});

export const periodQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), collector: bookCollector, currency: currencyCode.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'give both from and to, or neither', path: ['from'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

export const agingQuery = z.object({ as_of: isoDate.optional(), collector: bookCollector, currency: currencyCode.optional() });

export const seriesQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    grain: grain.default('week'),
    window: windowDays.default(90),
    collector: bookCollector,
    currency: currencyCode.optional()
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] })
  .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) <= 3660, { message: 'a series spans at most ten years', path: ['from'] });

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

/** The as-of KPIs of one currency or of the report (a series point carries these too). */
export const kpisFigures = z.object({
  as_of: isoDate,
  window_days: z.number().int(),
  ar: money,
  current_ar: money,
  past_due_ar: money,
  sales: money,
  dso: nullableRatio,
  bpdso: nullableRatio,
  add: nullableRatio,
  countback_dso: nullableRatio,
  past_due_share: nullableRatio
});

export const kpisReport = kpisFigures.extend({
  currency: z.string().describe('the reporting currency every money figure is in'),
  collector: bookOf,
  by_currency: z
    .array(kpisFigures.omit({ as_of: true, window_days: true }).extend({ currency: z.string() }))
    .optional()
    .describe("each currency's own figures in its own money, unconverted (the company's report; not a collector's book)")
});

export const recoveryRow = z.object({
  bucket: z.string(),
  base: money,
  recovered: money,
  rate: nullableRatio
});

export const periodReport = z.object({
  from: isoDate,
  to: isoDate,
  currency: z.string().describe('the reporting currency every money figure is in'),
  collector: bookOf,
  cei: nullableRatio,
  cash_collected: money,
  cost_per_dollar: nullableRatio,
  write_off_ratio: nullableRatio,
  dispute_rate: nullableRatio,
  days_to_resolve: nullableRatio,
  promise_kept_rate: nullableRatio,
  recovery: z.array(recoveryRow)
});

const agingLine = z.object({ bucket: z.string(), balance: money, invoices: z.number().int() });
const credits = z
  .object({ balance: money, invoices: z.number().int() })
  .describe('invoices with a negative balance (unapplied credits, over-payments)');

export const agingReport = z.object({
  as_of: isoDate,
  currency: z.string(),
  collector: bookOf,
  buckets: z.array(agingLine),
  credits,
  total: money,
  by_currency: z
    .array(z.object({ currency: z.string(), buckets: z.array(agingLine), credits, total: money }))
    .optional()
    .describe("each currency's own aging in its own money, unconverted (the company's report; not a collector's book)")
});

export const seriesPoint = kpisFigures
  .omit({ as_of: true })
  .extend(periodReport.omit({ currency: true, collector: true }).shape)
  .extend({ as_of: isoDate });

export const seriesReport = z.object({
  grain,
  currency: z.string(),
  collector: bookOf,
  window_days: z.number().int(),
  points: z.array(seriesPoint)
});

export { limit };
export type KpisQuery = z.infer<typeof kpisQuery>;
export type PeriodQuery = z.infer<typeof periodQuery>;
export type AgingQuery = z.infer<typeof agingQuery>;
export type SeriesQuery = z.infer<typeof seriesQuery>;
export type KpisReport = z.infer<typeof kpisReport>;
export type PeriodReport = z.infer<typeof periodReport>;
export type KpisFigures = z.infer<typeof kpisFigures>;
export type RecoveryRow = z.infer<typeof recoveryRow>;
export type AgingReport = z.infer<typeof agingReport>;
export type SeriesPoint = z.infer<typeof seriesPoint>;
export type SeriesReport = z.infer<typeof seriesReport>;
