// Rows of the hand-worked ledgers, one line each: an invoice carries its payments (so a ledger reads
// like its worked-out comment, invoice by invoice), an activity or a promise names what varies.
// `ledger` flattens them into the canonical tables' rows for ledgerDatabase.
import type { LedgerRows } from '../../support/databases.ts';

type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export class InvoiceEntry {
  readonly payments: Row[] = [];
  constructor(readonly row: Row) {}

  /** A payment of `amount` on `date` against this invoice (`more`: other columns, e.g. customer_id). */
  paid(payment_id: string, payment_date: string, amount: string, more: Row = {}): this {
    this.payments.push({ payment_id, invoice_id: this.row.invoice_id, payment_date, amount, ...more });
    return this;
  }

  /** In dispute from `on` (until `resolved`, when given). */
  disputed(on: string, resolved?: string): this {
    Object.assign(this.row, { disputed_on: on }, resolved ? { dispute_resolved_on: resolved } : {});
    return this;
  }
}

/** An invoice; `more` adds columns (currency, disputed ...). */
export const invoice = (invoice_id: string, customer_id: string, invoice_date: string, due_date: string, amount: string, more: Row = {}) =>
  new InvoiceEntry({ invoice_id, customer_id, invoice_date, due_date, amount, ...more });

export const customer = (customer_id: string, name: string, collector: string, more: Row = {}): Row => ({
  customer_id,
  name,
  collector,
  ...more
});

/** A contact with a customer (a call, an email ...) that promises nothing. */
export const activity = (activity_id: string, customer_id: string, channel: string, activity_date: string, more: Row = {}): Row => ({
  activity_id,
  customer_id,
  channel,
  activity_date,
  ...more
});

/** A contact on `made` with a promise to pay `amount` by `by`. */
export const promise = (
  activity_id: string,
  customer_id: string,
  channel: string,
  made: string,
  by: string,
  amount: string,
  more: Row = {}
): Row => activity(activity_id, customer_id, channel, made, { promised_date: by, promised_amount: amount, ...more });

/** Canonical rows: each invoice's payments after the invoices' own, in order, then any payments given apart. */
export function ledger(parts: Omit<LedgerRows, 'invoices'> & { invoices: InvoiceEntry[] }): LedgerRows {
  const { invoices, payments = [], ...rest } = parts;
  return {
    ...rest,
    invoices: invoices.map((entry) => entry.row),
    payments: [...invoices.flatMap((entry) => entry.payments), ...payments]
  };
}

/** Acme (A, Ann's) and Bolt (B, Bob's): the two customers of the June and the promises ledgers. */
export const ACME_AND_BOLT: Row[] = [customer('A', 'Acme', 'Ann'), customer('B', 'Bolt', 'Bob')];

/** Ann's C1 One Ltd and C2 Two Ltd, Bob's C3 Three Ltd: the two books of collector-book and book-trends. */
export const ANN_AND_BOB_BOOKS: Row[] = [
  customer('C1', 'One Ltd', 'Ann'),
  customer('C2', 'Two Ltd', 'Ann'),
  customer('C3', 'Three Ltd', 'Bob')
];

/**
 * Ann's book in both of those ledgers, once I1 is part paid and I2 issued, over a 90-day window:
 * I1 1000 paid 400 (600 past due), I2 500 not yet due. AR 1100, current 500, past due 600, sales
 * 1000 + 500 = 1500; DSO 1100 / 1500 × 90 = 66, BPDSO 500 / 1500 × 90 = 30, ADD 600 / 1500 × 90 = 36.
 */
export const ANN_BOOK_FIGURES = { ar: 1100, current_ar: 500, past_due_ar: 600, sales: 1500, dso: 66, bpdso: 30, add: 36 };
