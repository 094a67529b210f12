// Parameters and answers of drift, worklist and activities (interface.md). Pure: no Node imports.
import { z } from 'zod';
import { currencyCode, isoDate, limit, money } from './common.ts';

export const driftQuery = z.object({
  as_of: isoDate.optional(),
  limit: limit.optional()
});

export const driftTier = z.enum(['low', 'elevated', 'high']);

export const driftCustomer = z.object({
  customer_id: z.string(),
  score: z.number().min(0).max(100),
  flagged: z.boolean(),
  reasons: z.array(z.string()),
  name: z.string().nullable(),
  tier: driftTier.describe('natural-breaks (Jenks) class of the score among all customers at the as-of date'),
  norm_days_late: z.number().nullable().describe('how late the customer usually pays (weighted median, days)'),
  recent_shift_days: z.number().nullable().describe('recent days late minus the norm, after shrinkage'),
  open_late_invoices: z.number().int(),
  trend_days_per_quarter: z.number().nullable()
});

export const driftReport = z.object({
  as_of: isoDate,
  customers: z.array(driftCustomer)
});

export const worklistQuery = z.object({
  as_of: isoDate.optional(),
  collector: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  limit: limit.optional(),
  currency: currencyCode.optional(),
  offset: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative').optional()
});

export const worklistInvoice = z.object({
  invoice_id: z.string(),
  due_date: isoDate,
  currency: z.string().describe("the invoice's own currency (its balance is in it)"),
  balance: money,
  days_past_due: z.number().int(),
  in_dispute: z.boolean(),
  next_action: z.string().nullable()
});

export const worklistItem = z.object({
  customer_id: z.string(),
  priority: z.number(),
  open_balance: money,
  past_due_balance: money,
  oldest_days_past_due: z.number().int(),
  drift_score: z.number(),
  next_action: z.string(),
  reasons: z.array(z.string()),
  name: z.string().nullable(),
  collector: z.string().nullable(),
  next_action_on: isoDate.describe('the day the next action is due (later than as_of when the item waits)'),
  broken_promises: z.number().int(),
  open_disputes: z.number().int(),
  credit_use: z.number().nullable(),
  invoices: z.array(worklistInvoice)
});

export const worklistReport = z.object({
  as_of: isoDate,
  currency: z.string().describe('the reporting currency of open_balance and past_due_balance'),
  items: z.array(worklistItem),
  total: z.number().int().describe('customers on the whole worklist, however many `limit` and `offset` let through')
});

const positiveMoney = z.number({ message: 'must be an amount' }).positive('must be more than 0').max(1e15);

export const activityInput = z
  .object({
    customer_id: z.string().trim().min(1, 'is required').max(200),
    activity_date: isoDate,
    channel: z.string().trim().min(1, 'is required').max(50),
    invoice_id: z.string().trim().min(1).max(200).optional(),
    invoice_ids: z
      .array(z.string().trim().min(1).max(200))
      .min(1)
      .max(200)
      .optional()
      .describe('every invoice a promise covers, when more than one'),
    collector: z.string().trim().min(1).max(200).optional(),
    outcome: z.string().trim().min(1).max(200).optional(),
    promised_date: isoDate.optional(),
    promised_amount: positiveMoney.optional(),
    cost: z.number({ message: 'must be an amount' }).min(0, 'must not be negative').max(1e12).optional(),
    note: z.string().max(2000).optional(),
    logged_by: z.string().trim().min(1).max(200).optional()
  })
  .strict()
  .refine((a) => !a.promised_date || a.promised_date >= a.activity_date, {
    message: 'must not be before activity_date',
    path: ['promised_date']
  })
  .refine((a) => a.promised_amount === undefined || a.promised_date !== undefined, {
    message: 'a promised amount needs a promised_date',
    path: ['promised_amount']
  });

export const activity = z.object({
  activity_id: z.string(),
  customer_id: z.string(),
  activity_date: isoDate,
  channel: z.string(),
  invoice_id: z.string().nullable(),
  collector: z.string().nullable(),
  outcome: z.string().nullable(),
  promised_date: isoDate.nullable(),
  promised_amount: z.number().nullable(),
  cost: z.number().nullable(),
  currency: z.string().describe("the currency of promised_amount and cost: the activity's, else the home currency"),
  note: z.string().nullable(),
  logged_by: z.string().nullable(),
  logged_at: z.string().nullable()
});

export const activitiesQuery = z.object({
  customer_id: z.string().trim().min(1, 'is required').max(200)
});

export const activitiesReport = z.object({
  customer_id: z.string(),
  activities: z.array(activity)
});

export type DriftQuery = z.infer<typeof driftQuery>;
export type DriftCustomer = z.infer<typeof driftCustomer>;
export type DriftReport = z.infer<typeof driftReport>;
export type WorklistQuery = z.infer<typeof worklistQuery>;
export type WorklistItem = z.infer<typeof worklistItem>;
export type WorklistReport = z.infer<typeof worklistReport>;
export type ActivityInput = z.infer<typeof activityInput>;
export type Activity = z.infer<typeof activity>;
export type ActivitiesReport = z.infer<typeof activitiesReport>;
