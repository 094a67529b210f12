// The best pay date any model could give a generated invoice open at D: the distribution of its
// settling day under the parameters the generator actually used (data/generator/invoice-flow.ts:
// its customer's mean days late, spread and heavy-tail rate, the slowdown and its ramp, the dispute
// rate and the resolution delays, instalments), conditioned on everything the ledger shows at D:
// still open (paid after D), the instalments already paid by D, the dispute opened and resolved by D.
// Its median minimises the expected absolute error, so its MAE is a floor for the model's on the
// same invoice-dates (bench/forecast-oracle.ts). Not conditioned on promises or dunning touches.
// The day paid is the day the money reaches the amount (core/invoice_pay_dates: 98 %), which the
// generator makes the settling payment's day, or the resolution day when a dispute is settled by a
// credit note for the whole amount.
import { errorFunction } from 'simple-statistics';
import { nextBusinessDay as nbd } from '../data/generator/calendar.ts';
import type { InvoiceTruth } from '../data/generator/options.ts';
import { slowdownDelay } from '../data/generator/drift.ts';

const phi = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));

/** P(round(x) = k) for x normal(mean, sd), for every k in [lo, hi]. */
function roundedNormal(mean: number, sd: number, lo: number, hi: number): Float64Array {
  const out = new Float64Array(hi - lo + 1);
  for (let k = lo; k <= hi; k++) out[k - lo] = phi((k + 0.5 - mean) / sd) - phi((k - 0.5 - mean) / sd);
  return out;
}

/** Resolution delay of a dispute: min(150, max(2, round(16 · e^(0.7 Z)))), as an array indexed by days. */
const RESOLUTION: Float64Array = (() => {
  const p = new Float64Array(151);
  const cdf = (x: number) => (x <= 0 ? 0 : phi(Math.log(x / 16) / 0.7));
  for (let j = 2; j <= 150; j++) {
    const lo = j === 2 ? 0 : cdf(j - 0.5);
    const hi = j === 150 ? 1 : cdf(j + 0.5);
    p[j] = hi - lo;
  }
  return p;
})();

// data/generator/invoice-flow.ts's constants, re-stated (they are not exported)
const DISPUTE_RESOLVED_RATE = 0.88;
const THREE = 0.05;
const TWO = 0.18;
const FULL_CREDIT = 0.5 * 0.2;

export interface Posterior {
  /** day numbers (days since 1970-01-01) of the 10th, 50th and 90th percentile of the settling day given paid */
  low: number;
  median: number;
  high: number;
  /** the posterior weight of the day the invoice was actually paid: 0 means this re-derivation is wrong for it */
  actualWeight: number;
  /** the posterior weight before that day: with actualWeight, a randomised PIT checks the calibration */
  before: number;
}

/** An earlier instalment's day, `gap` days before `later` (planPayments). */
function earlier(invoiceDay: number, later: number, gap: number): number {
  const candidate = Math.max(invoiceDay, later - gap);
  const business = nbd(candidate);
  return business <= later ? business : candidate;
}

function sameDays(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * P(the earlier instalments seen by D are `seen` | settled on day s, by cheque of `count` payments),
 * summed over the counts: 1 (77 %), 2 (18 %), 3 (5 %), as planPayments draws them.
 */
function instalmentLikelihood(t: InvoiceTruth, s: number, asOf: number, seen: number[]): number {
  // every earlier instalment is at most 30 days before the next: none can be seen by D
  if (s - 60 > asOf) return seen.length === 0 ? 1 : 0;
  const inv = t.plan.invoiceDay;
  const cents = t.plan.cents;
  const p3 = cents >= 1500 ? THREE : 0;
  const p2 = cents >= 1000 ? TWO : 0;
  const p1 = 1 - p2 - p3;
  let like = seen.length === 0 ? p1 : 0;
  if (p2 > 0 && seen.length <= 1) {
    let n = 0;
    for (let u = 7; u <= 30; u++) {
      const x = earlier(inv, s, u);
      if (sameDays(x <= asOf ? [x] : [], seen)) n++;
    }
    like += (p2 * n) / 24;
  }
  if (p3 > 0) {
    let n = 0;
    for (let u1 = 7; u1 <= 30; u1++) {
      const a = earlier(inv, s, u1);
      for (let u2 = 7; u2 <= 30; u2++) {
        const b = earlier(inv, a, u2);
        const days = [b, a].filter((d) => d <= asOf);
        if (sameDays(days, seen)) n++;
      }
    }
    like += (p3 * n) / 576;
  }
  return like;
}

/**
 * The posterior of the settling day of invoice `t`, open at `asOf` (a day number), given what the
 * ledger shows by then. null when no paid outcome is consistent with it (never for an invoice the
 * generator paid after asOf).
 */
export function posterior(t: InvoiceTruth, asOf: number): Posterior | null {
  const { customer: c, plan, slowdown } = t;
  const inv = plan.invoiceDay;
  const due = plan.dueDay;
  const seen = plan.payments.filter((p) => p.day <= asOf).map((p) => p.day);
  seen.sort((a, b) => a - b);

  // the habit: k = round(mean + noise · Z) days late, plus 45–150 days with the heavy-tail rate
  const lo = Math.floor(c.lateMean - 9 * c.lateNoise) - 1;
  const hi = Math.ceil(c.lateMean + 9 * c.lateNoise) + 151;
  const normal = roundedNormal(c.lateMean, c.lateNoise, lo, hi - 150);
  const habit = new Float64Array(hi - lo + 1);
  for (let i = 0; i < normal.length; i++) {
    habit[i] += (1 - c.outlierRate) * normal[i];
    for (let j = 45; j <= 150; j++) habit[i + j] += (c.outlierRate * normal[i]) / 106;
  }
  const badDebt = c.profile.badDebt * (c.kind === 'noisy' ? 2 : 1);

  // the day grid: offsets from the invoice day
  const size = due - inv + hi + 400;
  const base = new Float64Array(size); // pay day before any dispute, weights P(k) (disputed: no bad debt)
  const baseUndisputed = new Float64Array(size); // the same times P(not bad debt | k)
  for (let i = 0; i < habit.length; i++) {
    if (habit[i] === 0) continue;
    const basePay = due + lo + i;
    const extra = slowdownDelay(slowdown, basePay);
    const day = nbd(Math.max(inv + 1, basePay + extra));
    base[day - inv] += habit[i];
    baseUndisputed[day - inv] += habit[i] * (1 - badDebt * (extra > 0 ? 2 : 1));
  }

  // the dispute: opened on a day in [inv + 3, inv + terms + 15], resolved 2–150 days later (12 %
  // never: not paid), paid 2–20 business-rolled days after; a tenth settled by a full credit note
  const pDispute = c.profile.disputeRate;
  const firstDispute = inv + 3;
  const lastDispute = inv + c.terms + 15;
  const nDispute = lastDispute - firstDispute + 1;
  // resolution days: weight of (opened d, resolved r) consistent with D
  const resolved = new Float64Array(size);
  let disputedWeight: number;
  let undisputedWeight = 0;
  if (plan.disputedOn <= asOf) {
    const d = plan.disputedOn;
    if (plan.resolvedOn <= asOf) resolved[plan.resolvedOn - inv] = 1;
    else for (let j = Math.max(2, asOf - d + 1); j <= 150; j++) resolved[d + j - inv] += RESOLUTION[j];
    disputedWeight = (pDispute / nDispute) * DISPUTE_RESOLVED_RATE;
  } else {
    undisputedWeight = 1 - pDispute;
    for (let d = Math.max(firstDispute, asOf + 1); d <= lastDispute; d++)
      for (let j = 2; j <= 150; j++) resolved[d + j - inv] += RESOLUTION[j] / nDispute;
    disputedWeight = pDispute * DISPUTE_RESOLVED_RATE;
  }

  // pay days of the disputed branch: nbd(max(base, resolved + u)), u in 2..20; or the resolution day
  const paidAfter = new Float64Array(size);
  for (let r = 0; r < size; r++) {
    if (resolved[r] === 0) continue;
    for (let u = 2; u <= 20 && r + u < size; u++) paidAfter[r + u] += resolved[r] / 19;
  }
  const disputedPay = new Float64Array(size);
  let cb = 0;
  let cq = 0;
  let previous = 0;
  for (let x = 0; x < size; x++) {
    cb += base[x];
    cq += paidAfter[x];
    const cdf = cb * cq;
    const mass = cdf - previous;
    previous = cdf;
    if (mass > 0) disputedPay[nbd(inv + x) - inv] += mass;
  }

  // the posterior over settling days after D
  const weight = new Float64Array(size);
  for (let x = asOf - inv + 1; x < size; x++) {
    if (x < 0) continue;
    const day = inv + x;
    const payLike = baseUndisputed[x] > 0 || disputedPay[x] > 0 ? instalmentLikelihood(t, day, asOf, seen) : 0;
    weight[x] =
      payLike * (undisputedWeight * baseUndisputed[x] + disputedWeight * (1 - FULL_CREDIT) * disputedPay[x]) +
      (seen.length === 0 ? disputedWeight * FULL_CREDIT * resolved[x] : 0);
  }
  let total = 0;
  for (let x = 0; x < size; x++) total += weight[x];
  if (!(total > 0)) return null;
  const quantile = (p: number) => {
    let running = 0;
    for (let x = 0; x < size; x++) {
      running += weight[x];
      if (running > p * total * (1 + 1e-12)) return inv + x;
    }
    return inv + size - 1;
  };
  const actual = paidDay(t);
  return {
    low: quantile(0.1),
    median: quantile(0.5),
    high: quantile(0.9),
    actualWeight: actual === null || actual - inv >= size || actual - inv < 0 ? 0 : weight[actual - inv] / total,
    before: actual === null ? 0 : weight.slice(0, Math.max(0, Math.min(size, actual - inv))).reduce((a, b) => a + b, 0) / total
  };
}

/** The day the generator settled the invoice (its last payment, or the resolution when fully credited), null if never. */
export function paidDay(t: InvoiceTruth): number | null {
  const { plan } = t;
  if (plan.payments.length === 0) {
    const full = plan.adjustments.find((a) => a.kind === 'credit_note' && a.cents >= plan.cents);
    return full ? full.day : null;
  }
  return plan.instalments > 0 ? plan.payments[plan.instalments - 1].day : null;
}
