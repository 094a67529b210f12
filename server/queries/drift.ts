// The drift report of interface.md: every customer's score at an as-of date, highest first,
// with reasons in words and a natural-breaks tier. The figures come from sql/marts/drift.sql.
import type { DriftReport } from '../contracts/risk.ts';
import type { Row } from '../db.ts';
import { resolveAsOf } from '../as-of.ts';
import { REPORT_ROW_BYTES, type Reader } from './reader.ts';
import { driftReasons, type DriftFigures } from '../risk/reasons.ts';
import { driftFlagScore } from './settings.ts';
import { tiersOf } from '../risk/tiers.ts';

type DriftRow = DriftFigures & Row & { customer_id: string; name: string | null; score: number };

const DRIFT_COLUMNS = `
  d.customer_id, c.name, d.score::double as score, d.flagged,
  d.norm_days_late::double as norm_days_late, d.baseline_invoices::integer as baseline_invoices,
  d.recent_paid_invoices::integer as recent_paid_invoices, d.paid_shift::double as paid_shift,
  round(d.shift, 1)::double as shift, d.open_late_invoices::integer as open_late_invoices,
  round(d.open_late_amount, 2)::double as open_late_amount, d.open_late_min_days::integer as open_late_min_days,
  d.partial_share::double as partial_share, round(d.trend_per_quarter, 1)::double as trend_per_quarter,
  d.threshold_days::double as threshold_days, d.run_invoices::integer as run_invoices, d.run_exceedances::integer as run_exceedances,
  d.run_overdue::integer as run_overdue`;

export async function drift(db: Reader, query: { as_of?: string; limit?: number }): Promise<DriftReport> {
  const asOf = await resolveAsOf(db, query.as_of);
  // reasons and tiers for every customer take a while in TypeScript (0.1 s at 35,000 customers):
  // the shaped report is kept with the reads it came from. Tiers are drawn over every customer, so a
  // top slice costs the whole report: one report per date serves the overview's top rows, a
  // customer's page and the whole list (the warm-up asked for both, 16 s each at 10 M invoices)
  const report = () => driftReport(db, asOf);
  const whole = await (db.remember
    ? db.remember(`drift report ${asOf}`, report, (kept) => kept.customers.length * REPORT_ROW_BYTES)
    : report());
  return query.limit ? { ...whole, customers: whole.customers.slice(0, query.limit) } : whole;
}

async function driftReport(db: Reader, asOf: string): Promise<DriftReport> {
  const rows = await db.read<DriftRow>(
    `select ${DRIFT_COLUMNS}
     from drift($1::date) as d
     left join all_customers as c using (customer_id)
     order by d.score desc, d.customer_id`,
    [asOf]
  );
  const tiers = tiersOf(
    rows.map((r) => r.score),
    await driftFlagScore(db)
  );
  const customers = rows.map((row, index) => ({
    customer_id: row.customer_id,
    score: row.score,
    flagged: row.flagged,
    reasons: driftReasons(row),
    name: row.name,
    tier: tiers[index],
    norm_days_late: row.norm_days_late,
    recent_shift_days: row.shift,
    open_late_invoices: row.open_late_invoices,
    trend_days_per_quarter: row.trend_per_quarter
  }));
  return { as_of: asOf, customers };
}
