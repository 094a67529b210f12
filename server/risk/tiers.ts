// Tiers of drift scores by natural breaks (Jenks, via simple-statistics' ckmeans): the classes
// follow the gaps of the day's scores rather than fixed cut-offs. Deterministic for given scores.
import { ckmeans } from 'simple-statistics';

export type Tier = 'low' | 'elevated' | 'high';
const TIERS: Tier[] = ['low', 'elevated', 'high'];

/** The tier of each score; a customer below `floor` is always low, at or above the flag at least elevated. */
export function tiersOf(scores: number[], flagScore: number, floor = 10): Tier[] {
  const distinct = [...new Set(scores)];
  if (distinct.length < 3) return scores.map((s) => (s >= flagScore ? 'high' : 'low'));
  const clusters = ckmeans(scores, 3);
  const lowestOf = clusters.map((cluster) => cluster[0]);
  return scores.map((s) => {
    let index = 0;
    for (let k = 1; k < lowestOf.length; k++) if (s >= lowestOf[k]) index = k;
    if (s < floor) index = 0;
    if (s >= flagScore) index = Math.max(index, 1);
    return TIERS[index];
  });
}
