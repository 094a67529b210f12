// The life of one invoice: dispute, credit notes, instalments, over- and
// short-payments, bad debt and write-off. Facts may be dated after the end
// day; the writer drops those, which is what leaves recent invoices open.
import { nextBusinessDay } from './calendar.ts';
import type { Customer } from './customers.ts';
import { slowdownDelay, type Slowdown } from './drift.ts';
import type { Random } from './random.ts';
import { CREDIT_NOTE_REASONS, WRITE_OFF_REASONS } from './tables.ts';

/** "Never" for optional days: compares greater than any real day. */
export const NEVER = Number.POSITIVE_INFINITY;

export interface Cash {
  day: number;
  cents: number;
}

export interface Adjustment extends Cash {
  kind: 'credit_note' | 'write_off';
  reason: string;
}

export interface InvoicePlan {
  invoiceDay: number;
  dueDay: number;
  cents: number;
  po: string;
  disputedOn: number;
  resolvedOn: number;
  /** In date order. */
  payments: Cash[];
  adjustments: Adjustment[];
  /** Collectors stop chasing on this day: settled, disputed or written off. */
  dunningStop: number;
  /** For analyses (GenerateOptions.truth), nothing written: the days a heavy tail added (0 if none), instalments planned (0: not paid). */
  outlierDays: number;
  instalments: number;
}

const CREDIT_NOTE_RATE = 0.02;
const DISPUTE_RESOLVED_RATE = 0.88;
/** Paid in 3 / in 2 instalments; with the ~93% of invoices that get paid this gives ~1.2 payment rows per invoice. */
const THREE_INSTALMENTS = 0.05;
const TWO_INSTALMENTS = 0.18;
const SHORT_PAY_RATE = 0.012;
const OVERPAY_RATE = 0.006;

export function planInvoice(rng: Random, c: Customer, slowdown: Slowdown | null, invoiceDay: number): InvoicePlan {
  const p = c.profile;
  const dueDay = invoiceDay + c.terms;
  const cents = Math.max(1500, Math.round(rng.logNormal(p.medianAmount, p.amountSigma) * 100));
  const po = rng.chance(p.poRate) ? `PO-${rng.int(100000, 999999)}` : '';
  const plan: InvoicePlan = {
    invoiceDay,
    dueDay,
    cents,
    po,
    disputedOn: NEVER,
    resolvedOn: NEVER,
    payments: [],
    adjustments: [],
    dunningStop: NEVER,
    outlierDays: 0,
    instalments: 0
  };

  // The customer's habit, plus the slowdown once it has begun.
  let late = c.lateMean + c.lateNoise * rng.normal();
  if (rng.chance(c.outlierRate)) {
    plan.outlierDays = rng.int(45, 150);
    late += plan.outlierDays;
  }
  const basePay = dueDay + Math.round(late);
  const extra = slowdownDelay(slowdown, basePay);
  let payDay = nextBusinessDay(Math.max(invoiceDay + 1, basePay + extra));
  let balance = cents;

  if (rng.chance(p.disputeRate)) {
    plan.disputedOn = invoiceDay + rng.int(3, c.terms + 15);
    plan.dunningStop = plan.disputedOn;
    if (!rng.chance(DISPUTE_RESOLVED_RATE)) return plan; // stuck dispute: never paid
    plan.resolvedOn = plan.disputedOn + Math.min(150, Math.max(2, Math.round(rng.logNormal(16, 0.7))));
    if (rng.chance(0.5)) {
      const credit = rng.chance(0.2) ? cents : Math.round(cents * rng.uniform(0.1, 0.6));
      plan.adjustments.push({ day: plan.resolvedOn, cents: credit, kind: 'credit_note', reason: 'dispute_settlement' });
      balance -= credit;
    }
    payDay = Math.max(payDay, nextBusinessDay(plan.resolvedOn + rng.int(2, 20)));
  } else if (rng.chance(CREDIT_NOTE_RATE)) {
    const credit = Math.max(100, Math.round(cents * rng.uniform(0.05, 0.3)));
    const day = Math.min(payDay, invoiceDay + rng.int(2, 25));
    plan.adjustments.push({ day, cents: credit, kind: 'credit_note', reason: rng.pick(CREDIT_NOTE_REASONS) });
    balance -= credit;
  }
  if (balance <= 0) return plan;

  // Slowing customers also default a little more often once they slow.
  const badDebt = p.badDebt * (c.kind === 'noisy' ? 2 : 1) * (extra > 0 ? 2 : 1);
  if (plan.disputedOn === NEVER && rng.chance(badDebt)) {
    planBadDebt(rng, plan, balance);
    return plan;
  }
  planPayments(rng, plan, balance, payDay);
  return plan;
}

function planBadDebt(rng: Random, plan: InvoicePlan, balance: number): void {
  if (rng.chance(0.35) && balance >= 1000) {
    const partial = Math.round(balance * rng.uniform(0.2, 0.6));
    plan.payments.push({ day: nextBusinessDay(plan.dueDay + rng.int(20, 90)), cents: partial });
    balance -= partial;
  }
  // A quarter are never written off: old delinquent balances still open at the end.
  if (rng.chance(0.75)) {
    const day = plan.dueDay + rng.int(150, 400);
    plan.adjustments.push({ day, cents: balance, kind: 'write_off', reason: rng.pick(WRITE_OFF_REASONS) });
    plan.dunningStop = day;
  }
}

function planPayments(rng: Random, plan: InvoicePlan, balance: number, payDay: number): void {
  const roll = rng.next();
  let count = roll < THREE_INSTALMENTS ? 3 : roll < THREE_INSTALMENTS + TWO_INSTALMENTS ? 2 : 1;
  if (balance < count * 500) count = 1;
  plan.instalments = count;

  // Earlier instalments precede the settling payment by one to four weeks each.
  const days: number[] = [payDay];
  for (let k = 1; k < count; k++) {
    const candidate = Math.max(plan.invoiceDay, days[0] - rng.int(7, 30));
    const business = nextBusinessDay(candidate);
    days.unshift(business <= days[0] ? business : candidate);
  }
  let left = balance;
  for (let k = 0; k < count; k++) {
    const share = k === count - 1 ? left : Math.round(left * rng.uniform(0.3, 0.6));
    plan.payments.push({ day: days[k], cents: share });
    left -= share;
  }

  const last = plan.payments[plan.payments.length - 1];
  plan.dunningStop = last.day;
  if (last.cents > 300 && rng.chance(SHORT_PAY_RATE)) {
    // Bank charges or a disputed line: the small rest is written off later.
    const short = rng.int(100, Math.min(2500, last.cents - 100));
    last.cents -= short;
    plan.adjustments.push({ day: last.day + rng.int(20, 60), cents: short, kind: 'write_off', reason: 'small_balance' });
  } else if (rng.chance(OVERPAY_RATE)) {
    // Over-payments stay on the books as a negative balance (metrics.md: never clamped).
    if (rng.chance(0.5)) plan.payments.push({ day: nextBusinessDay(last.day + rng.int(1, 10)), cents: last.cents });
    else last.cents += Math.max(1, Math.round(last.cents * rng.uniform(0.01, 0.08)));
  }
}
