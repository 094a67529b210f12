// Parameters and answers of the dashboard's own endpoints: ledger facts, the weekly review,
// invoices and customers behind a figure. Pure: no Node imports; web/lib/api.ts imports the types.
import { z } from 'zod';
import { activity, driftCustomer } from './risk.ts';
import { currencyCode, isoDate, money, nullableRatio, wholeNumber, windowDays } from './common.ts';
import { bookCollector, bookOf, kpisFigures, recoveryRow } from './reports.ts';

const optionalText = z.string().trim().min(1).max(200).optional();
const pageSize = wholeNumber(1, 5000);
const offset = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(10_000_000);

/** How many drifting customers the overview lists, and how many worklist items the worklist page asks for. */
export const OVERVIEW_DRIFT_ROWS = 8;
export const WORKLIST_PAGE_ITEMS = 500;

export const ledgerInfo = z.object({
  first_date: isoDate.nullable(),
  last_date: isoDate.nullable(),
  last_week_start: isoDate.nullable(),
  last_week_end: isoDate.nullable(),
  default_as_of: isoDate.nullable().describe('the latest invoice date: the as-of date of a report asked without one'),
  home_currency: z.string().describe('the currency of a report asked without one (RADAR_CURRENCY)'),
  rate_currencies: z.array(z.string()).describe('currencies with exchange rates loaded (the base included)'),
  currencies: z.array(z.object({ currency: z.string().nullable(), invoices: z.number().int() })),
  segments: z.array(z.string()),
  collectors: z.array(z.string())
});

export const reviewQuery = z.object({
  week_end: isoDate.optional(),
  weeks: z.coerce
    .number({ message: 'must be a whole number' })
    .int()
    .min(14, 'must be at least 14')
    .max(156, 'must be at most 156')
    .default(52),
  window: windowDays.default(90),
  collector: bookCollector,
  currency: currencyCode.optional()
});

const change = z.number().nullable();
export const reviewPoint = z.object({
  period_start: isoDate,
  period_end: isoDate,
  ar: money,
  past_due_share: nullableRatio,
  dso: nullableRatio,
  bpdso: nullableRatio,
  add: nullableRatio,
  countback_dso: nullableRatio,
  cei: nullableRatio,
  cash_collected: money,
  cost_per_dollar: nullableRatio,
  period_sales: money,
  ...Object.fromEntries(
    ['ar', 'past_due_share', 'dso', 'bpdso', 'add', 'countback_dso', 'cei', 'cash_collected', 'cost_per_dollar'].flatMap((k) => [
      [`${k}_change_1`, change],
      [`${k}_change_13`, change]
    ])
  )
});

export const agingWeek = z.object({
  period_start: isoDate,
  period_end: isoDate,
  buckets: z.array(z.object({ bucket: z.string(), balance: money, invoices: z.number().int() }))
});

export const reviewReport = z.object({
  week_start: isoDate,
  week_end: isoDate,
  currency: z.string(),
  collector: bookOf,
  window_days: z.number().int(),
  points: z.array(reviewPoint),
  aging: z.array(agingWeek)
});

export const recoveryQuery = z.object({ week_end: isoDate.optional(), collector: bookCollector, currency: currencyCode.optional() });

const recoveryRange = z.object({ from: isoDate, to: isoDate, recovery: z.array(recoveryRow) });
export const recoveryComparison = z.object({
  week_end: isoDate,
  currency: z.string(),
  collector: bookOf,
  recent: recoveryRange,
  earlier: recoveryRange
});

export const invoiceFilters = z.object({
  as_of: isoDate.optional(),
  bucket: optionalText,
  segment: optionalText,
  collector: optionalText,
  /** only the invoices in this currency */
  invoice_currency: optionalText,
  customer_id: optionalText,
  /** the reporting currency of the totals (each invoice keeps its own) */
  currency: currencyCode.optional()
});

export const invoicesQuery = invoiceFilters.extend({
  limit: pageSize.default(200),
  offset: offset.default(0)
});

export const openInvoice = z.object({
  invoice_id: z.string(),
  customer_id: z.string(),
  customer_name: z.string().nullable(),
  segment: z.string().nullable(),
  collector: z.string().nullable(),
  currency: z.string().nullable(),
  invoice_date: isoDate,
  due_date: isoDate,
  amount: money,
  balance: money,
  days_past_due: z.number().int(),
  bucket: z.string(),
  in_dispute: z.boolean()
});

export const invoicesReport = z.object({
  as_of: isoDate,
  currency: z.string().describe('the reporting currency of the total balance; each invoice is in its own'),
  count: z.number().int(),
  balance: money,
  invoices: z.array(openInvoice)
});

export const bucketsReport = z.object({
  as_of: isoDate,
  currency: z.string(),
  buckets: z.array(z.object({ bucket: z.string(), balance: money, invoices: z.number().int(), customers: z.number().int() })),
  total: money,
  currencies: z.array(z.string())
});

export const bucketCustomersReport = z.object({
  as_of: isoDate,
  currency: z.string(),
  customers: z.array(
    z.object({
      customer_id: z.string(),
      name: z.string().nullable(),
      collector: z.string().nullable(),
      currency: z.string().nullable(),
      balance: money,
      invoices: z.number().int(),
      oldest_days_past_due: z.number().int()
    })
  )
});

export const customersQuery = z.object({
  as_of: isoDate.optional(),
  q: optionalText,
  collector: optionalText,
  segment: optionalText,
  past_due_only: z.enum(['true', 'false'], { message: "must be 'true' or 'false'" }).optional(),
  limit: pageSize.default(200),
  currency: currencyCode.optional()
});

export const customerRow = z.object({
  customer_id: z.string(),
  name: z.string().nullable(),
  segment: z.string().nullable(),
  collector: z.string().nullable(),
  currency: z.string().nullable(),
  credit_limit: money.nullable(),
  open_balance: money,
  past_due_balance: money,
  oldest_days_past_due: z.number().int(),
  open_invoices: z.number().int(),
  disputed_invoices: z.number().int(),
  last_activity_date: isoDate.nullable(),
  last_activity_channel: z.string().nullable()
});

export const customersReport = z.object({ as_of: isoDate, currency: z.string(), ranked_by: z.string(), customers: z.array(customerRow) });

export const customerQuery = z.object({ as_of: isoDate.optional(), window: windowDays.default(90), currency: currencyCode.optional() });

// a customer's own as-of KPIs: those of /api/kpis over its invoices (countback needs a portfolio's
// sales history, so it is left out), and its amount-weighted days late
export const customerKpis = kpisFigures.omit({ countback_dso: true }).extend({
  weighted_days_late: nullableRatio,
  settled_invoices: z.number().int()
});

export const paymentRow = z.object({
  invoice_id: z.string(),
  invoice_date: isoDate,
  due_date: isoDate,
  currency: z.string(),
  amount: money,
  settled_on: isoDate,
  days_to_pay: z.number().int(),
  days_late: z.number().int()
});

/** An activity on the customer's page: /api/activities' row, less its customer and cost, its amount in cents. */
export const activityRow = activity.omit({ customer_id: true, cost: true }).extend({
  promised_amount: money.nullable(),
  currency: z.string().describe("the promised amount's currency: the activity's, else the home currency")
});

export const customerReport = z.object({
  as_of: isoDate,
  currency: z.string().describe('the reporting currency of the balances and KPIs; invoices and payments are in their own'),
  credits: z
    .object({ balance: money, invoices: z.number().int() })
    .describe('unapplied credits and over-payments: open invoices with a negative balance (open_invoices with bucket credits)'),
  customer: customerRow.extend({ country: z.string().nullable(), terms_days: z.number().int().nullable() }),
  kpis: customerKpis,
  usual_days_late: z.object({ low: z.number().nullable(), median: z.number().nullable(), high: z.number().nullable() }),
  open_invoices: z.array(openInvoice),
  payments: z.array(paymentRow),
  activities: z.array(activityRow),
  drift: driftCustomer.nullable().describe("the customer's entry of the drift report at as_of (null: no invoice yet)")
});

export type LedgerInfo = z.infer<typeof ledgerInfo>;
export type ReviewQuery = z.infer<typeof reviewQuery>;
export type ReviewPoint = z.infer<typeof reviewPoint> & Record<`${string}_change_${1 | 13}`, number | null>;
export type AgingWeek = z.infer<typeof agingWeek>;
export type ReviewReport = Omit<z.infer<typeof reviewReport>, 'points'> & { points: ReviewPoint[] };
export type RecoveryComparison = z.infer<typeof recoveryComparison>;
export type InvoiceFilters = z.infer<typeof invoiceFilters>;
export type InvoicesQuery = z.infer<typeof invoicesQuery>;
export type OpenInvoice = z.infer<typeof openInvoice>;
export type InvoicesReport = z.infer<typeof invoicesReport>;
export type BucketsReport = z.infer<typeof bucketsReport>;
export type BucketCustomersReport = z.infer<typeof bucketCustomersReport>;
export type CustomersQuery = z.infer<typeof customersQuery>;
export type CustomerRow = z.infer<typeof customerRow>;
export type CustomersReport = z.infer<typeof customersReport>;
export type CustomerQuery = z.infer<typeof customerQuery>;
export type CustomerKpis = z.infer<typeof customerKpis>;
export type PaymentRow = z.infer<typeof paymentRow>;
export type ActivityRow = z.infer<typeof activityRow>;
export type CustomerReport = z.infer<typeof customerReport>;
