// Where each shape's rows go: per target table, the column expressions over the parsed row and the
// rows it takes. A canonical shape is one target; `settled` and `ledger` fan out.
import { SHAPE_FIELDS } from './shapes.ts';
import type { CanonicalTable, Shape } from './types.ts';

export interface Target {
  table: CanonicalTable;
  /** canonical column -> SQL over the parsed row */
  columns: Record<string, string>;
  /** rows of the file that become rows of this table (SQL), or null for all */
  where: string | null;
  /** the field whose source column a problem with this table's id is reported against */
  idField: string | null;
  /** ids made by ingestion from another column (settled payments): their uniqueness follows from it */
  derivedId?: boolean;
}

function sameNames(fields: string[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, f]));
}

const ID_FIELD: Record<CanonicalTable, string | null> = {
  customers: 'customer_id',
  invoices: 'invoice_id',
  payments: 'payment_id',
  adjustments: 'adjustment_id',
  activities: 'activity_id',
  costs: null,
  fx_rates: null
};

const INVOICE_COLUMNS = Object.keys(SHAPE_FIELDS.invoices);

export function targetsFor(shape: Shape): Target[] {
  switch (shape) {
    case 'settled':
      return [
        { table: 'invoices', columns: sameNames(INVOICE_COLUMNS), where: null, idField: 'invoice_id' },
        {
          table: 'payments',
          // metrics.md: a settled invoice without a paid amount is paid in full on the settled date
          columns: {
            payment_id: `invoice_id || ':settled'`,
            invoice_id: 'invoice_id',
            customer_id: 'customer_id',
            payment_date: 'settled_date',
            amount: 'coalesce(amount_paid, amount)',
            method: 'null'
          },
          where: 'settled_date is not null',
          idField: 'invoice_id',
          derivedId: true
        }
      ];
    case 'ledger':
      return [
        {
          table: 'invoices',
          columns: {
            invoice_id: 'invoice_id',
            customer_id: 'customer_id',
            invoice_date: 'entry_date',
            due_date: 'due_date',
            amount: 'amount',
            currency: 'currency',
            po_number: 'po_number',
            disputed: 'disputed',
            delivery_channel: 'delivery_channel'
          },
          where: `entry_type = 'invoice'`,
          idField: 'invoice_id'
        },
        {
          table: 'payments',
          // Without an entry id the payment is named by its invoice and row: stable for the same file.
          columns: {
            payment_id: `coalesce(entry_id, invoice_id || ':payment:' || __row)`,
            invoice_id: 'invoice_id',
            customer_id: 'customer_id',
            payment_date: 'entry_date',
            amount: 'abs(amount)',
            method: 'method'
          },
          where: `entry_type = 'payment'`,
          idField: 'entry_id'
        },
        {
          table: 'adjustments',
          columns: {
            adjustment_id: `coalesce(entry_id, invoice_id || ':' || entry_type || ':' || __row)`,
            invoice_id: 'invoice_id',
            adjustment_date: 'entry_date',
            amount: 'abs(amount)',
            kind: 'entry_type',
            reason: 'reason'
          },
          where: `entry_type in ('credit_note', 'write_off')`,
          idField: 'entry_id'
        }
      ];
    case 'fx_rates':
      // metrics.md "Currencies": a rates file without a base column quotes against the home currency
      return [
        {
          table: 'fx_rates',
          columns: {
            rate_date: 'rate_date',
            currency: 'currency',
            units_per_base: 'units_per_base',
            base: 'coalesce(base, ingest_home_currency())'
          },
          where: null,
          idField: null
        }
      ];
    default:
      return [{ table: shape, columns: sameNames(Object.keys(SHAPE_FIELDS[shape])), where: null, idField: ID_FIELD[shape] }];
  }
}
