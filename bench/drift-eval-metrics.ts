// Scores of a flagging method against the generator's drift ground truth, month-end by month-end.
// The definitions are those of docs/drift.md "Evaluation"; keep the two in step.

export interface Truth {
  /** Day number (days since 1970-01-01) the slowdown started, or null for a steady customer. */
  start: number | null;
  /** First day, on or after the start, that one of its invoices was 30+ days past due and unpaid. */
  first30: number | null;
}

/** One method's verdict at one month-end: customer → [flagged, ranking score]. */
export type Verdicts = Map<string, { flagged: boolean; rank: number }>;

export const POSITIVE_DAYS = 270;
export const RECALL_GRACE_DAYS = 60;
export const TOP_K = 20;

type PairKind = 'positive' | 'steady' | 'excluded';

/** A customer at a month-end: drifting (start ≤ D < start + 270), steady (no slowdown yet), or excluded (slowed long ago). */
export function pairKind(truth: Truth | undefined, day: number): PairKind {
  if (!truth || truth.start === null || day < truth.start) return 'steady';
  return day < truth.start + POSITIVE_DAYS ? 'positive' : 'excluded';
}

export interface MethodResult {
  flags: number;
  precision: number | null;
  recall: number | null;
  precisionAtK: number | null;
  falseFlagRatePairs: number | null;
  falseFlagRateCustomers: number | null;
  detected: number;
  slowing: number;
  medianDelay: number | null;
  medianLeadBefore30: number | null;
}

export function evaluate(months: { day: number; verdicts: Verdicts }[], truth: Map<string, Truth>, customers: string[]): MethodResult {
  let tp = 0,
    fp = 0,
    recallHits = 0,
    recallPairs = 0,
    steadyPairs = 0,
    atKHits = 0,
    atKCount = 0;
  const firstFlag = new Map<string, number>();
  const steadyFlagged = new Set<string>();
  for (const { day, verdicts } of months) {
    const ranked: { customer: string; rank: number; kind: PairKind }[] = [];
    for (const customer of customers) {
      const t = truth.get(customer);
      const kind = pairKind(t, day);
      const v = verdicts.get(customer);
      if (kind === 'excluded') continue;
      if (v) ranked.push({ customer, rank: v.rank, kind });
      const flagged = v?.flagged ?? false;
      if (kind === 'steady') {
        steadyPairs++;
        if (flagged) {
          fp++;
          if (t?.start == null) steadyFlagged.add(customer);
        }
      } else {
        if (flagged) tp++;
        if (day >= t!.start! + RECALL_GRACE_DAYS) {
          recallPairs++;
          if (flagged) recallHits++;
        }
        if (flagged && !firstFlag.has(customer)) firstFlag.set(customer, day);
      }
    }
    ranked.sort((a, b) => b.rank - a.rank);
    for (const item of ranked.slice(0, TOP_K)) {
      atKCount++;
      if (item.kind === 'positive') atKHits++;
    }
  }

  // Lead times over slowing customers whose start falls inside the replayed months
  // (with a full positive window left); a customer never flagged counts as never detected.
  const firstDay = months[0].day;
  const lastDay = months[months.length - 1].day;
  const delays: number[] = [];
  const leads: number[] = [];
  let slowing = 0;
  let detected = 0;
  for (const customer of customers) {
    const t = truth.get(customer);
    if (!t || t.start === null || t.start < firstDay || t.start + POSITIVE_DAYS > lastDay + 31) continue;
    slowing++;
    const flagDay = firstFlag.get(customer);
    if (flagDay !== undefined) detected++;
    delays.push(flagDay === undefined ? Infinity : flagDay - t.start);
    if (t.first30 !== null) leads.push(flagDay === undefined ? -Infinity : t.first30 - flagDay);
  }
  const steadyCustomers = customers.filter((c) => truth.get(c)?.start == null).length;
  return {
    flags: tp + fp,
    precision: ratio(tp, tp + fp),
    recall: ratio(recallHits, recallPairs),
    precisionAtK: ratio(atKHits, atKCount),
    falseFlagRatePairs: ratio(fp, steadyPairs),
    falseFlagRateCustomers: ratio(steadyFlagged.size, steadyCustomers),
    detected,
    slowing,
    medianDelay: finiteOrNull(median(delays)),
    medianLeadBefore30: finiteOrNull(median(leads))
  };
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Median that keeps infinities (never detected) in the ordering. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2) return sorted[mid];
  const [a, b] = [sorted[mid - 1], sorted[mid]];
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b ? a : Number.isFinite(a) ? b : a;
  return (a + b) / 2;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function f1(r: MethodResult): number {
  if (!r.precision || !r.recall) return 0;
  return (2 * r.precision * r.recall) / (r.precision + r.recall);
}
