// Shared building blocks of the API and CLI contract (interface.md). Pure: no Node imports.
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD that really exists (no 2023-02-30). */
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
  .refine((text) => {
    const parts = ISO_DATE.exec(text);
    if (!parts) return true; // the regex above already reported it
    const [, y, m, d] = parts.map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2100;
  }, 'is not a calendar date between 1900 and 2100');

/**
 * A whole number from `min` to `max`: query strings and CLI flags arrive as text. The messages name
 * the bounds, in the `unit` when it has one ('must be at most 3650 days').
 */
export function wholeNumber(min: number, max: number, unit?: 'day') {
  const counted = (n: number) => (unit ? `${n} ${unit}${n === 1 ? '' : 's'}` : `${n}`);
  const kind = unit ? `a whole number of ${unit}s` : 'a whole number';
  return z.coerce
    .number({ message: `must be ${kind}` })
    .int(`must be ${kind}`)
    .min(min, `must be at least ${counted(min)}`)
    .max(max, `must be at most ${counted(max)}`);
}

/** A window is a whole number of days. */
export const windowDays = wholeNumber(1, 3650, 'day');

export const limit = wholeNumber(1, 100000);

/** An ISO 4217 code: three letters, upper-cased (the reporting currency of metrics.md "Currencies"). */
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as USD or EUR')
  .transform((code) => code.toUpperCase());

export const money = z.number().describe('currency amount rounded to cents');
export const nullableRatio = z.number().nullable();

export const errorResponse = z.object({ error: z.string() });
export type ErrorResponse = z.infer<typeof errorResponse>;
