// A customer's logged collection touches, newest first (GET /api/activities), in the columns a
// logged activity is answered with (server/risk/activities.ts).
import type { Activity } from '../contracts/risk.ts';
import type { Reader } from './reader.ts';

export const ACTIVITY_COLUMNS = `activity_id, customer_id, strftime(activity_date, '%Y-%m-%d') as activity_date, channel, invoice_id, collector,
  outcome, strftime(promised_date, '%Y-%m-%d') as promised_date, promised_amount::double as promised_amount, cost::double as cost,
  coalesce(currency, (select currency from home_currency)) as currency, note,
  logged_by, strftime(logged_at, '%Y-%m-%dT%H:%M:%S') as logged_at`;

export async function activitiesOf(db: Reader, customerId: string): Promise<Activity[]> {
  return db.read<Activity>(
    `select ${ACTIVITY_COLUMNS} from activities where customer_id = $1 order by activity_date desc, logged_at desc nulls last, activity_id desc`,
    [customerId]
  );
}
