// Turns generated facts into CSV rows of the canonical tables (metrics.md)
// plus the drift ground truth. Only rows dated on or before the end day are
// written: the ledger is a snapshot "as of" the end of the calendar.
import { join } from 'node:path';
import type { DayFormatter } from './calendar.ts';
import { CsvSink, id, money } from './csv-sink.ts';

export const COLUMNS = {
  customers: 'customer_id,name,segment,country,currency,credit_limit,terms_days,collector',
  invoices: 'invoice_id,customer_id,invoice_date,due_date,amount,currency,po_number,disputed_on,dispute_resolved_on',
  payments: 'payment_id,invoice_id,customer_id,payment_date,amount,method',
  adjustments: 'adjustment_id,invoice_id,adjustment_date,amount,kind,reason',
  activities: 'activity_id,customer_id,activity_date,channel,invoice_id,collector,outcome,promised_date,promised_amount,cost',
  costs: 'cost_date,category,amount,note',
  fx_rates: 'rate_date,currency,units_per_base,base',
  drift_truth: 'customer_id,slowdown_start,extra_days_late'
} as const;

export type TableName = keyof typeof COLUMNS;
export const TABLES = Object.keys(COLUMNS) as TableName[];

export interface IdWidths {
  customer: number;
  invoice: number;
  row: number;
}

export interface ActivityRow {
  day: number;
  channel: string;
  invoiceId: string;
  outcome: string;
  promisedDay?: number;
  promisedCents?: number;
  costCents?: number;
}

export class LedgerWriter {
  readonly sinks: Record<TableName, CsvSink>;
  private payments = 0;
  private adjustments = 0;
  private activities = 0;
  private invoices = 0;

  constructor(
    dir: string,
    private readonly fmt: DayFormatter,
    private readonly end: number,
    private readonly widths: IdWidths
  ) {
    const sinks = {} as Record<TableName, CsvSink>;
    for (const table of TABLES) sinks[table] = new CsvSink(join(dir, `${table}.csv`), COLUMNS[table]);
    this.sinks = sinks;
  }

  customerId(index: number): string {
    return id('C', index + 1, this.widths.customer);
  }

  customer(customerId: string, fields: readonly (string | number)[]): void {
    this.sinks.customers.write(`${customerId},${fields.join(',')}`);
  }

  driftTruth(customerId: string, start: number | null, extraDays: number): void {
    this.sinks.drift_truth.write(start === null ? `${customerId},,0` : `${customerId},${this.fmt.iso(start)},${extraDays}`);
  }

  invoice(
    customerId: string,
    invoiceDay: number,
    dueDay: number,
    cents: number,
    currency: string,
    po: string,
    disputedOn: number,
    resolvedOn: number
  ): string {
    const invoiceId = id('INV', ++this.invoices, this.widths.invoice);
    const disputed = disputedOn <= this.end ? this.fmt.iso(disputedOn) : '';
    const resolved = disputed && resolvedOn <= this.end ? this.fmt.iso(resolvedOn) : '';
    const f = this.fmt;
    this.sinks.invoices.write(
      `${invoiceId},${customerId},${f.iso(invoiceDay)},${f.iso(dueDay)},${money(cents)},${currency},${po},${disputed},${resolved}`
    );
    return invoiceId;
  }

  payment(invoiceId: string, customerId: string, day: number, cents: number, method: string): void {
    if (day > this.end) return;
    const paymentId = id('PAY', ++this.payments, this.widths.row);
    this.sinks.payments.write(`${paymentId},${invoiceId},${customerId},${this.fmt.iso(day)},${money(cents)},${method}`);
  }

  adjustment(invoiceId: string, day: number, cents: number, kind: 'credit_note' | 'write_off', reason: string): void {
    if (day > this.end) return;
    const adjustmentId = id('ADJ', ++this.adjustments, this.widths.row);
    this.sinks.adjustments.write(`${adjustmentId},${invoiceId},${this.fmt.iso(day)},${money(cents)},${kind},${reason}`);
  }

  activity(customerId: string, collector: string, row: ActivityRow): void {
    if (row.day > this.end) return;
    const activityId = id('ACT', ++this.activities, this.widths.row);
    // A promise may fall after the end day: it is a promise still outstanding.
    const promised = row.promisedDay === undefined ? '' : this.fmt.iso(row.promisedDay);
    const promisedAmount = row.promisedCents === undefined ? '' : money(row.promisedCents);
    const cost = row.costCents === undefined ? '' : money(row.costCents);
    this.sinks.activities.write(
      `${activityId},${customerId},${this.fmt.iso(row.day)},${row.channel},${row.invoiceId},${collector},${row.outcome},${promised},${promisedAmount},${cost}`
    );
  }

  cost(day: number, category: string, cents: number, note: string): void {
    if (day > this.end) return;
    this.sinks.costs.write(`${this.fmt.iso(day)},${category},${money(cents)},${note}`);
  }

  /** 1 `base` buys `units` of `currency` on `day` (metrics.md "Currencies"); six decimals. */
  rate(day: number, currency: string, units: number, base: string): void {
    if (day > this.end) return;
    this.sinks.fx_rates.write(`${this.fmt.iso(day)},${currency},${units.toFixed(6)},${base}`);
  }

  close(): Record<TableName, number> {
    const rows = {} as Record<TableName, number>;
    for (const table of TABLES) {
      this.sinks[table].close();
      rows[table] = this.sinks[table].rows;
    }
    return rows;
  }
}
