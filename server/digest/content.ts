// The week's review for the digest: the overview's KPIs with their change on the week before, the
// aging at the week's end, the most drifting customers and the promises broken lately. Every
// figure comes from the functions behind /api/review, /api/aging, /api/drift and /api/promises.
import type { AgingReport } from '../contracts/reports.ts';
import type { PromiseRow } from '../contracts/promises.ts';
import { aging } from '../queries/reports.ts';
import type { Reader } from '../queries/reader.ts';
import { promises } from '../queries/promises.ts';
import { drift } from '../queries/drift.ts';
import { review } from '../queries/review.ts';

export interface DigestKpi {
  label: string;
  key: string;
  value: number | null;
  change: number | null;
  unit: 'money' | 'days' | 'share' | 'index';
  /** whether a rise is good news (cash, CEI) or bad (DSO, past due) */
  higherIsBetter: boolean;
}

export interface DigestContent {
  week_start: string;
  week_end: string;
  kpis: DigestKpi[];
  aging: AgingReport;
  drifting: { customer_id: string; name: string | null; score: number; reasons: string[] }[];
  broken_promises: PromiseRow[];
}

const KPIS: Omit<DigestKpi, 'value' | 'change'>[] = [
  { label: 'Accounts receivable', key: 'ar', unit: 'money', higherIsBetter: false },
  { label: 'Cash collected', key: 'cash_collected', unit: 'money', higherIsBetter: true },
  { label: 'DSO', key: 'dso', unit: 'days', higherIsBetter: false },
  { label: 'Average days delinquent', key: 'add', unit: 'days', higherIsBetter: false },
  { label: 'Past-due share', key: 'past_due_share', unit: 'share', higherIsBetter: false },
  { label: 'CEI', key: 'cei', unit: 'index', higherIsBetter: true }
];

/** `week` is any day of the week wanted (its Sunday ends it); without one, the last complete week. */
export async function digestContent(db: Reader, week?: string): Promise<DigestContent> {
  const weekly = await review(db, { week_end: week, weeks: 14, window: 90 });
  const point = weekly.points.at(-1) as unknown as Record<string, number | null> | undefined;
  const kpis = KPIS.map((kpi) => ({ ...kpi, value: point?.[kpi.key] ?? null, change: point?.[`${kpi.key}_change_1`] ?? null }));
  const agingReport = await aging(db, { as_of: weekly.week_end });
  const drifted = await drift(db, { as_of: weekly.week_end });
  const drifting = drifted.customers
    .filter((c) => c.flagged)
    .slice(0, 5)
    .map(({ customer_id, name, score, reasons }) => ({ customer_id, name, score, reasons }));
  // broken during the week: their grace ended in it (promised up to 7 + grace days before its end)
  const broken = await promises(db, { as_of: weekly.week_end, window: 14, status: 'broken' });
  const brokenThisWeek = broken.promises.filter((p) => p.grace_until >= daysBefore(weekly.week_end, 7));
  return { week_start: weekly.week_start, week_end: weekly.week_end, kpis, aging: agingReport, drifting, broken_promises: brokenThisWeek };
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
