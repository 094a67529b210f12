// The figures of the forecast evaluation (docs/forecast.md "Evaluation"): invoice-level errors,
// late/not-late classification and weekly cash errors, for the model and each baseline alike.
import { mean } from 'simple-statistics';

/** Mean absolute error in days between predicted and actual pay days. */
export function mae(pairs: { predicted: number; actual: number }[]): number | null {
  return pairs.length ? mean(pairs.map((p) => Math.abs(p.predicted - p.actual))) : null;
}

/** Share of actual pay days inside [low, high]. */
export function coverage(rows: { low: number; high: number; actual: number }[]): number | null {
  return rows.length ? rows.filter((r) => r.actual >= r.low && r.actual <= r.high).length / rows.length : null;
}

export interface Classified {
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  auc: number | null;
  brier: number | null;
}

/** "Settled after the due date" predicted by probability p (late when p ≥ 0.5) against the truth. */
export function classify(rows: { p: number; late: boolean }[]): Classified {
  if (!rows.length) return { accuracy: null, precision: null, recall: null, auc: null, brier: null };
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const r of rows) {
    const predicted = r.p >= 0.5;
    if (predicted && r.late) tp++;
    else if (predicted) fp++;
    else if (r.late) fn++;
    else tn++;
  }
  return {
    accuracy: (tp + tn) / rows.length,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null,
    auc: auc(rows),
    brier: mean(rows.map((r) => (r.p - (r.late ? 1 : 0)) ** 2))
  };
}

/**
 * Area under the ROC curve: the probability that a late invoice gets a higher p than an on-time
 * one, ties counting half (the Mann–Whitney U statistic over average ranks).
 */
export function auc(rows: { p: number; late: boolean }[]): number | null {
  const positives = rows.filter((r) => r.late).length;
  const negatives = rows.length - positives;
  if (!positives || !negatives) return null;
  const sorted = [...rows].sort((a, b) => a.p - b.p);
  let rankSum = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j].p === sorted[i].p) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k].late) rankSum += averageRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Weighted absolute percentage error: Σ|actual − forecast| / Σ actual. */
export function wape(pairs: { forecast: number; actual: number }[]): number | null {
  const cash = pairs.reduce((s, p) => s + p.actual, 0);
  return cash > 0 ? pairs.reduce((s, p) => s + Math.abs(p.actual - p.forecast), 0) / cash : null;
}

/**
 * Signed weekly error: Σ(forecast − actual) / Σ actual, positive when the forecast expects more
 * cash than came in (WAPE does not tell the two apart).
 */
export function bias(pairs: { forecast: number; actual: number }[]): number | null {
  const cash = pairs.reduce((s, p) => s + p.actual, 0);
  return cash > 0 ? pairs.reduce((s, p) => s + p.forecast - p.actual, 0) / cash : null;
}

/** Month-ends from `first` to `last` (YYYY-MM-DD), inclusive. */
function monthEnds(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = new Date(first + 'T00:00:00Z'); ;) {
    const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    if (end > last) return dates;
    dates.push(end);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
}

/**
 * The Sunday on or before each date: forecasts made the day before a week that starts on a Monday,
 * as the overview's past weeks are (its as-of date, a Sunday, ends the last of them).
 */
function sundays(dates: string[]): string[] {
  return dates.map((d) => {
    const day = new Date(d + 'T00:00:00Z');
    return new Date(day.getTime() - day.getUTCDay() * 86_400_000).toISOString().slice(0, 10);
  });
}

/**
 * The as-of dates the evaluation replays: on a generated ledger, a year of history first, and the
 * last date leaves 13 weeks of what happened next before the ledger ends; on the IBM sample, mid-2012 on.
 * `mondays`: the Sunday on or before each of those month-ends, so every replayed week runs Monday
 * to Sunday like the overview's (eval:forecast --starts mondays).
 */
export const REPLAY_DATES = {
  generated: monthEnds('2024-11-01', '2026-08-20'),
  ibm: monthEnds('2012-06-01', '2013-09-30')
};
export const MONDAY_REPLAY_DATES = { generated: sundays(REPLAY_DATES.generated), ibm: sundays(REPLAY_DATES.ibm) };
