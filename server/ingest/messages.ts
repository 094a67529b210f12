// The words of every rejection. A reason names the canonical field and quotes the bad value
// (truncated), so a person can find and fix it in their spreadsheet.
import { SHAPE_FIELDS } from './shapes.ts';
import { MAX_DATE, MIN_DATE, type Check } from './checks.ts';
import { dateFormatLabel, type AmountStyle, type DateColumnFormat } from './value-sql.ts';
import type { Shape } from './types.ts';

const MAX_QUOTED = 40;

export function quote(value: unknown): string {
  const text = String(value ?? '');
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

const KIND_WORDS: Record<string, string> = {
  amount: 'an amount',
  boolean: 'yes/no (yes, no, y, n, true, false, 1, 0)',
  integer: 'a whole number',
  adjustment_kind: 'an adjustment kind (credit_note or write_off)',
  entry_type: 'an entry type (invoice, payment, credit_note or write_off)',
  currency: 'a currency code (three letters, like USD)',
  rate: 'a rate (a number like 1.0947)'
};

export interface MessageContext {
  shape: Shape;
  dates: Map<string, DateColumnFormat>;
  amounts: Map<string, AmountStyle>;
}

/** Reason of one broken check on one row (row values as the parsed query returns them). */
export function checkReason(check: Check, row: Record<string, unknown>, context: MessageContext): string {
  const { field, other } = check;
  const raw = row[`r_${field}`];
  // a rate comes back as decimal(18, 8) text: 0.00000000 reads better as 0
  const value =
    SHAPE_FIELDS[context.shape][field]?.kind === 'rate' && typeof row[field] === 'string' && /^-?[0-9]+\.[0-9]*$/.test(row[field] as string)
      ? (row[field] as string).replace(/\.?0+$/, '')
      : row[field];
  switch (check.kind) {
    case 'required':
      return `${field} is required but empty`;
    case 'invalid': {
      const kind = SHAPE_FIELDS[context.shape][field]!.kind;
      if (kind === 'date') {
        return `${quote(raw)} is not a date in this column's format ${dateFormatLabel(context.dates.get(field) ?? { format: 'ISO' })}`;
      }
      if (kind === 'amount' && context.amounts.get(field) === 'comma') return `${quote(raw)} is not an amount like 1.234,56`;
      if (kind === 'rate' && context.amounts.get(field) === 'comma') return `${quote(raw)} is not a rate like 1,0947`;
      return `${quote(raw)} is not ${KIND_WORDS[kind] ?? 'a valid value'}`;
    }
    case 'range':
      return `date ${value} (from ${quote(raw)}) is outside ${MIN_DATE} … ${MAX_DATE}`;
    case 'positive':
      return `${field} must be greater than 0, got ${value}`;
    case 'nonnegative':
      return `${field} must not be negative, got ${value}`;
    case 'nonzero':
      return `${field} must not be 0`;
    case 'due_before':
      return `${field} ${value} is before ${other} ${row[other!]}`;
    case 'required_for_invoice':
      return `${field} is required on invoice rows but empty`;
    case 'invoice_positive':
      return `${field} of an invoice must be greater than 0, got ${value}`;
    case 'paid_without_date':
      return `amount_paid ${quote(raw)} is given but settled_date is empty`;
    case 'base_rate_one':
      return row.r_base == null
        ? `${row.currency} is the base of rates without a base column (the home currency, RADAR_CURRENCY), so its rate is 1, got ${value}`
        : `${row.currency} is the base of these rates, so its rate is 1, got ${value}`;
  }
}
