// Ground truth for drift detection: some regular customers start paying slower
// on a known day. The slowdown applies to every payment the customer would
// otherwise have made on or after that day, so it shows in cash dates (and in
// more open past-due invoices near the end), not only in invoice terms.
import type { Customer } from './customers.ts';
import type { Random } from './random.ts';

export interface Slowdown {
  start: number;
  /** Extra days late once fully slowed. */
  extraDays: number;
  /** 0 = a step change; otherwise the extra delay grows linearly over this many days. */
  rampDays: number;
}

/** Among eligible customers; eligibility (regular, enough invoices on both sides) makes the realised share ~12%. */
export const SLOWDOWN_RATE = 0.2;
export const MIN_INVOICES_FOR_SLOWDOWN = 8;
/** The slowdown starts between ~2 years and ~2 months before the end. */
const EARLIEST_START_BEFORE_END = 730;
const LATEST_START_BEFORE_END = 60;
/** An invoice counts as visible evidence if it falls due on or after the start and 30+ days before the end. */
const MIN_INVOICES_EACH_SIDE = 3;

export function decideSlowdown(rng: Random, customer: Customer, dueDays: readonly number[], first: number, end: number): Slowdown | null {
  // Draw every number up front so the stream position does not depend on eligibility.
  const hit = rng.chance(SLOWDOWN_RATE);
  // On a short calendar, keep a few months of normal paying before the earliest start.
  const earliest = Math.max(LATEST_START_BEFORE_END, Math.min(EARLIEST_START_BEFORE_END, end - first - 120));
  const start = end - rng.int(LATEST_START_BEFORE_END, earliest);
  const extraDays = rng.int(15, 45);
  const rampDays = rng.chance(0.35) ? rng.int(14, 42) : 0;
  if (!hit || customer.kind !== 'regular' || dueDays.length < MIN_INVOICES_FOR_SLOWDOWN) return null;

  let before = 0;
  let after = 0;
  for (const due of dueDays) {
    if (due < start) before++;
    else if (due <= end - 30) after++;
  }
  if (before < MIN_INVOICES_EACH_SIDE || after < MIN_INVOICES_EACH_SIDE) return null;
  return { start, extraDays, rampDays };
}

/** Extra days late for a payment that would otherwise land on `basePayDay`. */
export function slowdownDelay(slowdown: Slowdown | null, basePayDay: number): number {
  if (!slowdown || basePayDay < slowdown.start) return 0;
  if (slowdown.rampDays === 0) return slowdown.extraDays;
  const progress = Math.min(1, (basePayDay - slowdown.start + 1) / slowdown.rampDays);
  return Math.round(slowdown.extraDays * progress);
}
