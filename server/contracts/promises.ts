// Parameters and answers of the promises view (GET /api/promises). Pure: no Node imports.
import { z } from 'zod';
import { currencyCode, isoDate, money, windowDays } from './common.ts';

export const PROMISE_STATUSES = ['due this week', 'overdue', 'kept', 'broken', 'later'] as const;
export const promiseStatus = z.enum(PROMISE_STATUSES, { message: `must be one of ${PROMISE_STATUSES.join(', ')}` });

export const promisesQuery = z.object({
  as_of: isoDate.optional(),
  window: windowDays.default(30).describe('promises promised no earlier than this many days before as_of'),
  status: promiseStatus.optional(),
  collector: z.string().trim().min(1).max(200).optional(),
  customer_id: z.string().trim().min(1).max(200).optional(),
  currency: currencyCode.optional().describe("the reporting currency of the summary's amounts (default: the home currency)")
});

export const promiseRow = z.object({
  activity_id: z.string(),
  customer_id: z.string(),
  name: z.string().nullable(),
  collector: z.string().nullable(),
  activity_date: isoDate,
  channel: z.string().nullable(),
  made_with: z.string().nullable().describe('who logged it, or the collector named in the loaded file'),
  promised_date: isoDate,
  grace_until: isoDate,
  promised_amount: money.nullable(),
  currency: z.string().describe("the promised amount's currency: the activity's, else the home currency"),
  invoice_ids: z.array(z.string()).describe('the invoices it covers; empty: the customer as a whole'),
  status: promiseStatus,
  kept_on: isoDate.nullable(),
  paid_amount: money.nullable().describe('paid in the window, once the grace is over')
});

export const promisesReport = z.object({
  as_of: isoDate,
  window_days: z.number().int(),
  currency: z.string().describe("the reporting currency of the summary: each currency's total converted at the as-of date's rates"),
  summary: z.array(z.object({ status: promiseStatus, promises: z.number().int(), promised_amount: money })),
  promises: z.array(promiseRow)
});

export type PromisesQuery = z.infer<typeof promisesQuery>;
export type PromiseRow = z.infer<typeof promiseRow>;
export type PromisesReport = z.infer<typeof promisesReport>;
