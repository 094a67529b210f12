// Parameters and answers of the cash forecast (interface.md `forecast`). Pure: no Node imports.
import { z } from 'zod';
import { currencyCode, isoDate, money } from './common.ts';

export const forecastWeeks = z.coerce
  .number({ message: 'must be a whole number of weeks' })
  .int('must be a whole number of weeks')
  .min(1, 'must be at least 1 week')
  .max(104, 'must be at most 104 weeks');

export const forecastQuery = z.object({
  as_of: isoDate.optional(),
  weeks: forecastWeeks.default(13),
  currency: currencyCode.optional()
});

export const forecastWeek = z.object({
  from: isoDate,
  to: isoDate,
  expected: money.describe('cash the invoices open at as_of are expected to bring in this week'),
  low: money.describe('10th percentile of that cash (the 80 % interval)'),
  high: money.describe('90th percentile of that cash')
});

export const forecastInvoice = z.object({
  invoice_id: z.string(),
  customer_id: z.string(),
  balance: money,
  due_date: isoDate,
  expected_pay_date: isoDate.describe('median pay date'),
  pay_date_low: isoDate.describe('10th percentile of the pay date'),
  pay_date_high: isoDate.describe('90th percentile of the pay date'),
  late_probability: z.number().min(0).max(1).describe('probability of being settled after the due date (1 once past due)')
});

export const forecastReport = z.object({
  as_of: isoDate,
  currency: z.string(),
  weeks: z.array(forecastWeek),
  invoices: z.array(forecastInvoice)
});

/** The dashboard's reads: the weeks alone (the overview), one customer's invoices (its page). */
export const forecastWeeksReport = forecastReport.omit({ invoices: true });

export const forecastInvoicesQuery = z.object({
  as_of: isoDate.optional(),
  customer_id: z.string().trim().min(1, 'is required').max(200),
  currency: currencyCode.optional()
});

export const forecastInvoicesReport = z.object({
  as_of: isoDate,
  currency: z.string(),
  invoices: z.array(forecastInvoice)
});

/** The past weeks take the same parameters: as_of, how many weeks back (13 by default), currency. */
export const forecastHistoryQuery = forecastQuery;

export const forecastHistoryWeek = z.object({
  from: isoDate,
  to: isoDate,
  expected: money.describe('the forecast made at the start of the week (as of the day before) for that week'),
  low: money,
  high: money,
  actual: money.describe('cash that came in that week on the invoices open at its start')
});

export const forecastHistory = z.object({
  as_of: isoDate,
  currency: z.string(),
  weeks: z.array(forecastHistoryWeek),
  wape: z.number().nullable().describe('Σ|actual − expected| / Σ actual over the weeks'),
  coverage: z.number().nullable().describe('share of the weeks whose actual fell in [low, high]')
});

export type ForecastQuery = z.infer<typeof forecastQuery>;
export type ForecastWeek = z.infer<typeof forecastWeek>;
export type ForecastInvoice = z.infer<typeof forecastInvoice>;
export type ForecastReport = z.infer<typeof forecastReport>;
export type ForecastWeeksReport = z.infer<typeof forecastWeeksReport>;
export type ForecastInvoicesReport = z.infer<typeof forecastInvoicesReport>;
export type ForecastHistoryWeek = z.infer<typeof forecastHistoryWeek>;
export type ForecastHistory = z.infer<typeof forecastHistory>;
