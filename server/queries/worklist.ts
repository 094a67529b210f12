// The worklist of interface.md: customers to chase at an as-of date, highest priority first,
// with their open invoices, the ladder's next action and reasons. Figures: sql/marts/worklist.sql.
import type { WorklistReport } from '../contracts/risk.ts';
import type { Row } from '../db.ts';
import { resolveAsOf } from '../as-of.ts';
import { reportingCurrency, type Reader } from './reader.ts';
import { worklistReasons, type WorklistFigures } from '../risk/reasons.ts';
import { driftFlagScore } from './settings.ts';

type WorklistRow = WorklistFigures &
  Row & {
    customer_id: string;
    name: string | null;
    collector: string | null;
    priority: number;
    open_balance: number;
    invoices: WorklistReport['items'][number]['invoices'];
    total_items: number;
  };

export async function worklist(
  db: Reader,
  query: { as_of?: string; collector?: string; limit?: number; offset?: number; currency?: string }
): Promise<WorklistReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  const rows = await db.read<WorklistRow>(
    `select * replace (
       priority::double as priority,
       strftime(next_action_on, '%Y-%m-%d') as next_action_on,
       strftime(parked_until, '%Y-%m-%d') as parked_until,
       strftime(promised_date, '%Y-%m-%d') as promised_date,
       strftime(last_activity_date, '%Y-%m-%d') as last_activity_date
     ), count(*) over ()::integer as total_items
     from worklist($1::date, $2::varchar, reporting := $3::varchar)
     order by priority desc, past_due_balance desc, customer_id
     limit $4 offset $5`,
    [asOf, query.collector ?? null, currency, query.limit ?? null, query.offset ?? 0]
  );
  // the count of the whole list comes with every row; past the end, count it on its own
  const total = rows[0]?.total_items ?? (query.offset ? await worklistSize(db, asOf, query.collector) : 0);
  const flagScore = await driftFlagScore(db);
  const items = rows.map((row) => ({
    customer_id: row.customer_id,
    priority: row.priority,
    open_balance: row.open_balance,
    past_due_balance: row.past_due_balance,
    oldest_days_past_due: row.oldest_days_past_due,
    drift_score: row.drift_score,
    next_action: row.next_action,
    reasons: worklistReasons(row, flagScore),
    name: row.name,
    collector: row.collector,
    next_action_on: row.next_action_on,
    broken_promises: row.broken_promises,
    open_disputes: row.open_disputes,
    credit_use: row.credit_use,
    invoices: row.invoices
  }));
  return { as_of: asOf, currency, items, total };
}

async function worklistSize(db: Reader, asOf: string, collector: string | undefined): Promise<number> {
  const [row] = await db.read<{ n: number }>('select count(*)::integer as n from worklist($1::date, $2::varchar)', [
    asOf,
    collector ?? null
  ]);
  return row.n;
}
