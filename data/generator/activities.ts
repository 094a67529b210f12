// Collection touches for one invoice: the dunning ladder while it is overdue,
// dispute handling, and promises to pay that are later kept or broken.
import { nextBusinessDay } from './calendar.ts';
import type { InvoicePlan } from './invoice-flow.ts';
import type { ActivityRow } from './ledger-writer.ts';
import type { Random } from './random.ts';
import { CALL_OUTCOMES, CHANNEL_COST, DUNNING_LADDER } from './tables.ts';

const SKIPPED_TOUCH_RATE = 0.12;
const PROMISE_ON_CALL_RATE = 0.45;
const PROMISE_BY_EMAIL_RATE = 0.1;
const PROMISE_KEPT_RATE = 0.55;

/** A promise to pay `cents` by `day`. */
interface PromiseToPay {
  day: number;
  cents: number;
}

export function planActivities(rng: Random, plan: InvoicePlan, invoiceId: string, emit: (row: ActivityRow) => void): void {
  if (plan.disputedOn !== Infinity) {
    emit({ day: plan.disputedOn, channel: 'dispute', invoiceId, outcome: 'dispute_opened', costCents: cost(rng, 'dispute') });
    if (plan.resolvedOn !== Infinity) emit({ day: plan.resolvedOn, channel: 'note', invoiceId, outcome: 'dispute_resolved' });
  }

  let promised = false;
  for (const step of DUNNING_LADDER) {
    const day = nextBusinessDay(plan.dueDay + step.offset + rng.int(0, 3));
    if (day >= plan.dunningStop) return;
    if (rng.chance(SKIPPED_TOUCH_RATE)) continue;
    if (step.channel === 'call') {
      const promise: PromiseToPay | null = !promised && rng.chance(PROMISE_ON_CALL_RATE) ? makePromise(rng, plan, day) : null;
      promised ||= promise !== null;
      emit({
        day,
        channel: 'call',
        invoiceId,
        outcome: promise ? 'promise_to_pay' : rng.weighted(CALL_OUTCOMES),
        promisedDay: promise?.day,
        promisedCents: promise?.cents,
        costCents: cost(rng, 'call')
      });
    } else if (step.channel === 'note') {
      emit({ day, channel: 'note', invoiceId, outcome: step.outcome });
    } else {
      emit({ day, channel: step.channel, invoiceId, outcome: step.outcome, costCents: cost(rng, step.channel) });
      // Some customers answer a reminder with a promise of their own; logging it costs nothing.
      if (step.channel === 'email' && !promised && rng.chance(PROMISE_BY_EMAIL_RATE)) {
        const replyDay = nextBusinessDay(day + rng.int(1, 3));
        const promise: PromiseToPay | null = replyDay < plan.dunningStop ? makePromise(rng, plan, replyDay) : null;
        if (promise) {
          promised = true;
          emit({
            day: replyDay,
            channel: 'promise',
            invoiceId,
            outcome: 'promise_to_pay',
            promisedDay: promise.day,
            promisedCents: promise.cents
          });
        }
      }
    }
  }
}

/**
 * A promise made on `day`. Kept promises name the next real payment (metrics.md:
 * payments dated in [day, promised + 3] reach the promised amount); broken ones
 * name a date well before any payment arrives.
 */
function makePromise(rng: Random, plan: InvoicePlan, day: number): PromiseToPay | null {
  let balance = plan.cents;
  let next: { day: number; cents: number } | undefined;
  for (const p of plan.payments) {
    if (p.day < day) balance -= p.cents;
    else if (!next) next = p;
  }
  for (const a of plan.adjustments) if (a.day < day) balance -= a.cents;
  if (balance <= 0) return null;

  const keep = rng.chance(PROMISE_KEPT_RATE);
  const brokenDay = day + rng.int(3, 10);
  if (next && (keep || next.day <= brokenDay + 3)) {
    return { day: Math.max(day + 1, next.day - rng.int(0, 3)), cents: Math.min(next.cents, balance) };
  }
  return { day: brokenDay, cents: balance };
}

function cost(rng: Random, channel: string): number {
  const [lo, hi] = CHANNEL_COST[channel];
  return Math.round(rng.uniform(lo, hi) * 100);
}
