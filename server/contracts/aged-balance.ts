// Parameters and answers of the aged balance by customer (the aged trial balance) and the invoices
// behind one of its cells. Pure: no Node imports.
import { z } from 'zod';
import { currencyCode, isoDate, money } from './common.ts';

const optionalText = z.string().trim().min(1).max(200).optional();

export const agedBalanceFilters = z.object({
  as_of: isoDate.optional(),
  segment: optionalText,
  collector: optionalText,
  invoice_currency: optionalText.describe("only invoices in this currency (the invoice's, else its customer's)"),
  currency: currencyCode.optional().describe('the reporting currency of every money figure (default: the home currency)')
});

export const agedBalanceQuery = agedBalanceFilters.extend({
  sort: z.string().trim().min(1).max(100).default('total').describe("'customer', 'name', 'total' or a column (a bucket or 'credits')"),
  dir: z.enum(['asc', 'desc'], { message: "must be 'asc' or 'desc'" }).default('desc')
});

export const agedBalanceRow = z.object({
  customer_id: z.string(),
  name: z.string().nullable(),
  segment: z.string().nullable(),
  collector: z.string().nullable(),
  balances: z.record(z.string(), money).describe('balance per column (every column present, 0 when empty)'),
  total: money,
  invoices: z.number().int()
});

export const agedBalanceReport = z.object({
  as_of: isoDate,
  columns: z.array(z.string()).describe("the aging buckets in order, then 'credits'"),
  sort: z.string(),
  dir: z.enum(['asc', 'desc']),
  customers: z.array(agedBalanceRow),
  totals: z.object({ balances: z.record(z.string(), money), total: money, invoices: z.number().int() }),
  currency: z
    .string()
    .describe("the reporting currency of every balance: each currency's total of a cell converted at the as-of date's rates"),
  currencies: z.array(z.string()).describe('the currencies of the invoices counted')
});

export const agedCellQuery = agedBalanceFilters.extend({
  customer_id: z.string().trim().min(1, 'is required').max(200),
  column: z.string().trim().min(1, 'is required').max(100).describe("a bucket or 'credits'")
});

export const agedCellInvoice = z.object({
  invoice_id: z.string(),
  invoice_date: isoDate,
  due_date: isoDate,
  currency: z.string().nullable(),
  amount: money,
  balance: money,
  days_past_due: z.number().int(),
  in_dispute: z.boolean()
});

export const agedCellReport = z.object({
  as_of: isoDate,
  customer_id: z.string(),
  column: z.string(),
  currency: z.string().describe("the reporting currency of balance; each invoice's amounts are in its own currency"),
  balance: money,
  invoices: z.array(agedCellInvoice)
});

export type AgedBalanceFilters = z.infer<typeof agedBalanceFilters>;
export type AgedBalanceQuery = z.infer<typeof agedBalanceQuery>;
export type AgedBalanceRow = z.infer<typeof agedBalanceRow>;
export type AgedBalanceReport = z.infer<typeof agedBalanceReport>;
export type AgedCellQuery = z.infer<typeof agedCellQuery>;
export type AgedCellReport = z.infer<typeof agedCellReport>;
