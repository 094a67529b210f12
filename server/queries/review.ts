// The controller's weekly review (/api/review): every KPI of the overview for N weeks ending
// with the chosen week, with changes against last week and 13 weeks ago, and the weekly aging.
// Money in the reporting currency (`currency`), each week at the rates of its last day. With
// `collector`, that collector's book (the marts' `book`: their customers only).
import type { AgingWeek, RecoveryComparison, ReviewPoint, ReviewQuery, ReviewReport } from '../contracts/dashboard.ts';
import type { RecoveryRow } from '../contracts/reports.ts';
import { daysBefore, resolveWeekEnd } from '../as-of.ts';
import { reportingCurrency, type Reader } from './reader.ts';
import { bookOf } from './reports.ts';

const MONEY = [
  'ar',
  'cash_collected',
  'period_sales',
  'ar_change_1',
  'ar_change_13',
  'cash_collected_change_1',
  'cash_collected_change_13'
];

function columns(): string {
  const ratios = ['past_due_share', 'dso', 'bpdso', 'add', 'countback_dso', 'cei', 'cost_per_dollar'];
  const changes = ratios.flatMap((k) => [`${k}_change_1`, `${k}_change_13`]);
  return [
    'period_start',
    'period_end',
    ...MONEY.map((k) => `round(${k}, 2)::double as ${k}`),
    ...[...ratios, ...changes].map((k) => `${k}::double as ${k}`)
  ].join(', ');
}

export async function review(db: Reader, query: ReviewQuery): Promise<ReviewReport> {
  const weekEnd = await resolveWeekEnd(db, query.week_end);
  const currency = await reportingCurrency(db, query.currency);
  // 13 more weeks than shown, so the first shown week has its 13-week change too
  const from = daysBefore(weekEnd, 7 * (query.weeks + 13) - 1);
  const firstShown = daysBefore(weekEnd, 7 * query.weeks - 1);
  const book = query.collector ?? null;
  const points = await db.read<ReviewPoint>(
    `select ${columns()} from weekly_review($1::date, $2::date, 'week', $3::integer, reporting := $5::varchar, book := $6::varchar)
     where period_start >= $4::date order by period_start`,
    [from, weekEnd, query.window, firstShown, currency, book]
  );
  const agingRows = await db.read<{ period_start: string; period_end: string; bucket: string; balance: number; invoices: number }>(
    `select period_start, period_end, bucket, round(balance, 2)::double as balance, invoices::integer as invoices
     from aging_by_period($1::date, $2::date, 'week', reporting := $3::varchar, book := $4::varchar) order by period_start, bucket_order`,
    [firstShown, weekEnd, currency, book]
  );
  const aging: AgingWeek[] = [];
  for (const row of agingRows) {
    if (aging.at(-1)?.period_start !== row.period_start)
      aging.push({ period_start: row.period_start, period_end: row.period_end, buckets: [] });
    aging.at(-1)!.buckets.push({ bucket: row.bucket, balance: row.balance, invoices: row.invoices });
  }
  return {
    week_start: daysBefore(weekEnd, 6),
    week_end: weekEnd,
    currency,
    ...bookOf(query.collector),
    window_days: query.window,
    points,
    aging
  };
}

/** Recovery by bucket (the recovery_by_bucket mart of /api/period) for the 13 weeks ending with the week, and the 13 before. */
export async function recovery(
  db: Reader,
  query: { week_end?: string; collector?: string; currency?: string }
): Promise<RecoveryComparison> {
  const weekEnd = await resolveWeekEnd(db, query.week_end);
  const currency = await reportingCurrency(db, query.currency);
  const ranges = [
    { from: daysBefore(weekEnd, 90), to: weekEnd },
    { from: daysBefore(weekEnd, 181), to: daysBefore(weekEnd, 91) }
  ];
  const [recent, earlier] = await Promise.all(
    ranges.map(async (range) => ({
      ...range,
      recovery: await db.read<RecoveryRow>(
        `select bucket, round(base, 2)::double as base, round(recovered, 2)::double as recovered, rate::double as rate
         from recovery_by_bucket($1::date, $2::date, 'range', reporting := $3::varchar, book := $4::varchar) order by bucket_order`,
        [range.from, range.to, currency, query.collector ?? null]
      )
    }))
  );
  return { week_end: weekEnd, currency, ...bookOf(query.collector), recent, earlier };
}
