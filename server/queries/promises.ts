// The promises view: each promise to pay around an as-of date with its status, and a count and
// amount per status. Figures: sql/marts/promises.sql over core/promise_outcomes.
import { PROMISE_STATUSES, type PromiseRow, type PromisesQuery, type PromisesReport } from '../contracts/promises.ts';
import { reportingCurrency, type Reader } from './reader.ts';
import { resolveAsOf } from '../as-of.ts';

const FILTER = `($3::varchar is null or collector = $3) and ($4::varchar is null or customer_id = $4)`;

export async function promises(db: Reader, query: PromisesQuery): Promise<PromisesReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  const params = [asOf, query.window, query.collector ?? null, query.customer_id ?? null];
  const currency = await reportingCurrency(db, query.currency);
  // each currency's total promised per status, converted at the as-of date's rates and rounded once
  const counts = await db.read<{ status: PromisesReport['summary'][number]['status']; promises: number; promised_amount: number }>(
    `with own as (
       select status, currency, count(*) as promises, sum(promised_amount) as promised_amount
       from promises($1::date, $2::integer) where ${FILTER} group by status, currency
     )
     select status, sum(promises)::integer as promises,
       round(coalesce(sum(to_reporting(promised_amount, currency, $5::varchar, $1::date)), 0), 2)::double as promised_amount
     from own group by status`,
    [...params, currency]
  );
  const rows = await db.read<PromiseRow>(
    `select activity_id, customer_id, name, collector, strftime(activity_date, '%Y-%m-%d') as activity_date, channel, made_with,
       strftime(promised_date, '%Y-%m-%d') as promised_date, strftime(grace_until, '%Y-%m-%d') as grace_until,
       round(promised_amount, 2)::double as promised_amount, currency, invoice_ids, status, strftime(kept_on, '%Y-%m-%d') as kept_on,
       round(paid_amount, 2)::double as paid_amount
     from promises($1::date, $2::integer)
     where ${FILTER} and ($5::varchar is null or status = $5)
     order by promised_date, customer_id, activity_id`,
    [...params, query.status ?? null]
  );
  const summary = PROMISE_STATUSES.map((status) => counts.find((c) => c.status === status) ?? { status, promises: 0, promised_amount: 0 });
  return { as_of: asOf, window_days: query.window, currency, summary, promises: rows };
}
