// Collection touches logged in the app: append-only inserts into `activities` (who and when
// kept in logged_by / logged_at). Rows are never updated or deleted. Reads: server/queries/activities.ts.
import { randomUUID } from 'node:crypto';
import type { Activity, ActivityInput } from '../contracts/risk.ts';
import { queryRows, type Database } from '../db.ts';
import { refreshModel } from '../models.ts';
import { ACTIVITY_COLUMNS } from '../queries/activities.ts';

export class UnknownReference extends Error {}

export async function logActivity(db: Database, input: ActivityInput): Promise<Activity> {
  return db.write(async (connection) => {
    const [customer] = await queryRows(
      connection,
      'select 1 from customers where customer_id = $1 union select 1 from invoices where customer_id = $1 limit 1',
      [input.customer_id]
    );
    if (!customer) throw new UnknownReference(`customer_id: no customer ${input.customer_id}`);
    // a promise may cover several invoices: the first stays on the activity row, all go to promise_invoices
    const invoiceIds = [...new Set([...(input.invoice_id ? [input.invoice_id] : []), ...(input.invoice_ids ?? [])])];
    for (const invoiceId of invoiceIds) {
      const [invoice] = await queryRows(connection, 'select 1 from invoices where invoice_id = $1 and customer_id = $2 limit 1', [
        invoiceId,
        input.customer_id
      ]);
      const field = input.invoice_id === invoiceId ? 'invoice_id' : `invoice_ids.${(input.invoice_ids ?? []).indexOf(invoiceId)}`;
      if (!invoice) throw new UnknownReference(`${field}: no invoice ${invoiceId} of customer ${input.customer_id}`);
    }
    const id = `APP-${randomUUID()}`;
    await connection.run(
      `insert into activities (activity_id, customer_id, activity_date, channel, invoice_id, collector, outcome,
         promised_date, promised_amount, cost, note, logged_by, logged_at)
       values ($1, $2, $3::date, $4, $5, $6, $7, $8::date, $9::decimal(18, 2), $10::decimal(18, 2), $11, $12, current_timestamp)`,
      [
        id,
        input.customer_id,
        input.activity_date,
        input.channel,
        invoiceIds[0] ?? null,
        input.collector ?? null,
        input.outcome ?? null,
        input.promised_date ?? null,
        input.promised_amount ?? null,
        input.cost ?? null,
        input.note ?? null,
        input.logged_by ?? 'anonymous'
      ]
    );
    if (invoiceIds.length > 1) {
      for (const invoiceId of invoiceIds) await connection.run('insert into promise_invoices values ($1, $2)', [id, invoiceId]);
    }
    // the promise-kept rate and cost per dollar read tables prepared at refresh: bring them up to date now
    if (input.promised_date) {
      await refreshModel(connection, 'promise_invoice_links');
      await refreshModel(connection, 'promise_outcomes');
    }
    if (input.cost) await refreshModel(connection, 'activity_costs_per_day');
    const [row] = await queryRows<Activity>(connection, `select ${ACTIVITY_COLUMNS} from activities where activity_id = $1`, [id]);
    return row;
  });
}
