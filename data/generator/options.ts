// Options of the generator and their defaults (the demo ledger).
import { parseDay } from './calendar.ts';
import type { Customer } from './customers.ts';
import type { Slowdown } from './drift.ts';
import type { InvoicePlan } from './invoice-flow.ts';

export interface GenerateOptions {
  /** Output folder; created if missing. */
  out?: string;
  /** Number of invoices to write (exact). */
  invoices?: number;
  /** Number of customers; by default one per 28 invoices. */
  customers?: number;
  seed?: number;
  /** First and last invoice date, YYYY-MM-DD; nothing is dated after `end`. */
  start?: string;
  end?: string;
  /**
   * Called with each invoice's generating truth (its customer's profile, the slowdown, its plan) as it
   * is written: for analyses that compare a model with what the generator used (bench/forecast-oracle.ts).
   * Changes nothing written.
   */
  truth?: (t: InvoiceTruth) => void;
}

export interface InvoiceTruth {
  invoiceId: string;
  customer: Customer;
  slowdown: Slowdown | null;
  plan: InvoicePlan;
}

export interface ResolvedOptions {
  out: string;
  invoices: number;
  customers: number;
  seed: number;
  start: string;
  end: string;
  startDay: number;
  endDay: number;
  truth?: (t: InvoiceTruth) => void;
}

export const DEFAULTS = {
  out: 'data/generated/demo',
  invoices: 70_000,
  invoicesPerCustomer: 28,
  seed: 42,
  start: '2023-11-01',
  end: '2026-11-22'
} as const;

export function resolveOptions(options: GenerateOptions = {}): ResolvedOptions {
  const invoices = positiveInt('invoices', options.invoices ?? DEFAULTS.invoices);
  const customers = Math.min(
    invoices,
    positiveInt('customers', options.customers ?? Math.max(1, Math.round(invoices / DEFAULTS.invoicesPerCustomer)))
  );
  const seed = options.seed ?? DEFAULTS.seed;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const start = options.start ?? DEFAULTS.start;
  const end = options.end ?? DEFAULTS.end;
  const startDay = parseDay(start);
  const endDay = parseDay(end);
  // Terms, drift windows and write-offs need room; shorter calendars are not meaningful.
  if (endDay - startDay < 365) throw new Error(`the calendar must span at least a year (${start} .. ${end})`);
  return { out: options.out ?? DEFAULTS.out, invoices, customers, seed, start, end, startDay, endDay, truth: options.truth };
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}
