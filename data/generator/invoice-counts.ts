// How many invoices each customer gets: proportional to its volume and the
// sales weight of the days it is active, summing exactly to the requested total.
import { drawCustomer } from './customers.ts';
import type { ResolvedOptions } from './options.ts';
import type { SalesCalendar } from './sales-calendar.ts';

export function countInvoices(o: ResolvedOptions, calendar: SalesCalendar): Int32Array {
  const counts = new Int32Array(o.customers);
  const weights = new Float64Array(o.customers);
  let fixedTotal = 0;
  let weightTotal = 0;
  let lastWeighted = -1;
  // Fixed counts of up to 4 fit only when there are at least 4 invoices per customer.
  const roomForFixed = o.invoices >= 4 * o.customers;
  for (let i = 0; i < o.customers; i++) {
    const c = drawCustomer(o.seed, i, o.startDay, o.endDay);
    if (c.fixedCount > 0 && roomForFixed) {
      counts[i] = c.fixedCount;
      fixedTotal += c.fixedCount;
    } else {
      weights[i] = c.volume * calendar.share(c.joinDay, c.leaveDay);
      weightTotal += weights[i];
      counts[i] = 1; // every customer buys at least once
      fixedTotal += 1;
      lastWeighted = i;
    }
  }

  // Systematic rounding of the cumulative share keeps the total exact without sorting.
  const spread = Math.max(0, o.invoices - fixedTotal);
  let cumulative = 0;
  let assigned = 0;
  for (let i = 0; i <= lastWeighted; i++) {
    if (weights[i] === 0) continue;
    cumulative += (weights[i] / weightTotal) * spread;
    const share = i === lastWeighted ? spread - assigned : Math.floor(cumulative) - assigned;
    counts[i] += share;
    assigned += share;
  }
  if (lastWeighted < 0) counts[o.customers - 1] += spread;
  return counts;
}
