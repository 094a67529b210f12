// Customer profiles: who they are and how they habitually pay. Each customer
// draws from its own PRNG stream (seed, index), so a profile can be re-derived
// in the streaming pass without keeping 400k objects alive.
import { Random } from './random.ts';
import { COLLECTORS, COUNTRIES, NAME_HEADS, NAME_TAILS, SEGMENT_ORDER, SEGMENTS, type Segment, type SegmentProfile } from './tables.ts';

/** regular customers may drift; noisy ones are steady but erratic (hard negatives); sparse ones have 1-4 invoices. */
export type CustomerKind = 'regular' | 'noisy' | 'sparse';

export const SPARSE_SHARE = 0.03;
export const NOISY_SHARE = 0.04;

export interface Customer {
  index: number;
  segment: Segment;
  profile: SegmentProfile;
  kind: CustomerKind;
  country: string;
  currency: string;
  nameSuffixes: readonly string[];
  terms: number;
  collector: string;
  /** Mean days late (negative = pays early), day-to-day noise, chance of one very late payment. */
  lateMean: number;
  lateNoise: number;
  outlierRate: number;
  /** The customer buys between these days (inclusive). */
  joinDay: number;
  leaveDay: number;
  /** Relative invoice volume before normalising to the requested total. */
  volume: number;
  /** A few invoices only, fixed rather than proportional to volume. */
  fixedCount: number;
}

/** Mixes seed, customer index and stream number into a 32-bit PRNG seed (murmur3 finaliser). */
export function streamSeed(seed: number, index: number, stream: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(stream, 0x85ebca77)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function drawCustomer(seed: number, index: number, start: number, end: number): Customer {
  const rng = new Random(streamSeed(seed, index, 1));
  const segment = rng.weighted(SEGMENT_ORDER.map((s) => [s, SEGMENTS[s].share] as const));
  const profile = SEGMENTS[segment];
  const [country, currency, , nameSuffixes] = rng.weighted(COUNTRIES.map((c) => [c, c[2]] as const));
  const roll = rng.next();
  const kind: CustomerKind = roll < SPARSE_SHARE ? 'sparse' : roll < SPARSE_SHARE + NOISY_SHARE ? 'noisy' : 'regular';
  const noisy = kind === 'noisy';

  const lateMean = clamp(profile.lateMean + profile.lateSpread * rng.normal(), -12, 40);
  // Most customers join before the calendar starts; some arrive later and a few leave.
  const span = end - start;
  const joinDay = rng.chance(0.75) ? start : start + rng.int(0, Math.max(0, span - 150));
  const leaveDay = rng.chance(0.08) && end - joinDay > 400 ? rng.int(joinDay + 240, end) : end;

  return {
    index,
    segment,
    profile,
    kind,
    country,
    currency,
    nameSuffixes,
    terms: rng.weighted(profile.terms),
    // Senior collectors (the first two) carry the enterprise book.
    collector: segment === 'Enterprise' ? COLLECTORS[rng.int(0, 1)] : rng.pick(COLLECTORS),
    lateMean,
    lateNoise: noisy ? rng.uniform(14, 24) : rng.uniform(2, 6),
    outlierRate: noisy ? 0.06 : 0.015,
    joinDay,
    leaveDay,
    volume: profile.volume * rng.logNormal(1, 0.6),
    fixedCount: kind === 'sparse' ? rng.int(1, 4) : 0
  };
}

export function customerName(c: Customer): string {
  // Derived from the index so names are stable and mostly distinct.
  const head = NAME_HEADS[c.index % NAME_HEADS.length];
  const tail = NAME_TAILS[Math.floor(c.index / NAME_HEADS.length) % NAME_TAILS.length];
  const suffix = c.nameSuffixes[Math.floor(c.index / (NAME_HEADS.length * NAME_TAILS.length)) % c.nameSuffixes.length];
  const round = Math.floor(c.index / (NAME_HEADS.length * NAME_TAILS.length * 2));
  return round === 0 ? `${head} ${tail} ${suffix}` : `${head} ${tail} ${round + 1} ${suffix}`;
}

/** Credit limit: about three months of the segment's typical billing, rounded to 1,000. */
export function creditLimitCents(c: Customer): number {
  const raw = c.profile.medianAmount * c.profile.volume * 6 * (1 + (c.index % 5) / 4);
  return Math.max(1, Math.round(raw / 1000)) * 1000 * 100;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
