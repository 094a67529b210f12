// Parameters and answers of collector performance (GET /api/performance). Pure: no Node imports.
import { z } from 'zod';
import { currencyCode, isoDate, money, nullableRatio } from './common.ts';

export const performanceQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    collector: z.string().trim().min(1).max(200).optional(),
    currency: currencyCode.optional().describe('the reporting currency of cash collected (default: the home currency)')
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'give both from and to, or neither', path: ['from'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

const touchFigures = {
  touches: z.number().int(),
  promises_made: z.number().int(),
  promises_kept: z.number().int(),
  touches_followed_by_payment: z.number().int().describe("touches after which the customer paid within 7 days (the touch's day included)"),
  followed_share: nullableRatio
};

export const collectorPerformance = z.object({
  collector: z.string().nullable().describe('null: touches and customers without a collector'),
  ...touchFigures,
  cash_collected: money.describe("payments in the period on the invoices of the collector's customers"),
  cei: nullableRatio.describe("CEI (0–100) of the collector's book over the period"),
  channels: z.array(z.object({ channel: z.string(), ...touchFigures }))
});

export const performanceReport = z.object({
  from: isoDate,
  to: isoDate,
  currency: z
    .string()
    .describe("the reporting currency of cash_collected: each currency's total converted at the rates of the period's last day"),
  collectors: z.array(collectorPerformance)
});

export type PerformanceQuery = z.infer<typeof performanceQuery>;
export type CollectorPerformance = z.infer<typeof collectorPerformance>;
export type PerformanceReport = z.infer<typeof performanceReport>;
