// A customer's open invoices at an as-of date in the order the customer page lists them (due date,
// then id): the ledger an export of that page holds.
import type { OpenInvoice } from '../contracts/dashboard.ts';
import type { Reader } from './reader.ts';
import { resolveAsOf } from '../as-of.ts';
import { INVOICE_COLUMNS } from './invoices.ts';

export async function customerLedger(
  db: Reader,
  customerId: string,
  asOf: string | undefined
): Promise<{ as_of: string; invoices: OpenInvoice[] }> {
  const date = await resolveAsOf(db, asOf);
  const invoices = await db.read<OpenInvoice>(
    `select ${INVOICE_COLUMNS} from open_invoices($1::date) where customer_id = $2 order by due_date, invoice_id`,
    [date, customerId]
  );
  return { as_of: date, invoices };
}
