// The ledger generator: a seeded, streaming writer of the canonical tables (exchange rates included)
// and the drift ground truth. Same options, same bytes.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DayFormatter } from './calendar.ts';
import { writeMonthlyCosts } from './costs.ts';
import { writeDailyRates } from './rates.ts';
import { countInvoices } from './invoice-counts.ts';
import { LedgerWriter, TABLES, type TableName } from './ledger-writer.ts';
import { resolveOptions, type GenerateOptions } from './options.ts';
import { Random } from './random.ts';
import { SalesCalendar } from './sales-calendar.ts';
import { writeCustomer } from './write-customer.ts';

export type { GenerateOptions } from './options.ts';
export { COLUMNS } from './ledger-writer.ts';

export interface LedgerSummary {
  seed: number;
  start: string;
  end: string;
  rows: Record<TableName, number>;
  slowingCustomers: number;
  seconds: number;
}

export interface GeneratedLedger {
  /** Absolute path of the output folder. */
  dir: string;
  /** Table name → absolute path of its CSV (the canonical tables, fx_rates included, plus drift_truth). */
  files: Record<TableName, string>;
  summary: LedgerSummary;
}

/** Yield to the event loop now and then, so a server generating its demo on start stays responsive. */
const CUSTOMERS_PER_YIELD = 500;

/**
 * Writes customers, invoices, payments, adjustments, activities, costs and fx_rates CSVs
 * (metrics.md "Canonical data") plus drift_truth.csv into `options.out`.
 * Nothing is dated after `end`; payments, write-offs and touches that would
 * come later are left out, so the ledger is a snapshot as of that day.
 */
export async function generateLedger(options: GenerateOptions = {}): Promise<GeneratedLedger> {
  const started = performance.now();
  const o = resolveOptions(options);
  const dir = resolve(o.out);
  mkdirSync(dir, { recursive: true });

  const calendar = new SalesCalendar(o.startDay, o.endDay);
  const counts = countInvoices(o, calendar);
  const writer = new LedgerWriter(dir, new DayFormatter(o.startDay, o.endDay + 400), o.endDay, {
    customer: Math.max(5, String(o.customers).length),
    invoice: Math.max(7, String(o.invoices).length),
    row: Math.max(7, String(o.invoices * 3).length)
  });

  let slowingCustomers = 0;
  try {
    for (let index = 0; index < o.customers; index++) {
      if (writeCustomer(writer, o, calendar, index, counts[index])) slowingCustomers++;
      if (index % CUSTOMERS_PER_YIELD === CUSTOMERS_PER_YIELD - 1) await new Promise((r) => setImmediate(r));
    }
    writeMonthlyCosts(new Random(o.seed ^ 0x5eed), writer, o.startDay, o.endDay, o.invoices);
    // its own stream, so the rates change nothing else of a seed's ledger
    writeDailyRates(new Random(o.seed ^ 0xf0a7e5), writer, o.startDay, o.endDay);
  } catch (error) {
    writer.close();
    throw error;
  }
  const rows = writer.close();

  const files = {} as Record<TableName, string>;
  for (const table of TABLES) files[table] = join(dir, `${table}.csv`);
  const seconds = (performance.now() - started) / 1000;
  return { dir, files, summary: { seed: o.seed, start: o.start, end: o.end, rows, slowingCustomers, seconds } };
}

export function formatSummary(ledger: GeneratedLedger): string {
  const { rows, seconds, seed, start, end, slowingCustomers } = ledger.summary;
  const counts = TABLES.filter((t) => t !== 'drift_truth')
    .map((t) => `${rows[t]} ${t}`)
    .join(', ');
  return `generated ${counts} (${slowingCustomers} slowing customers; seed ${seed}, ${start}..${end}) in ${seconds.toFixed(1)}s → ${ledger.dir}`;
}
