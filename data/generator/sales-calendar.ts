// Where invoices fall in time: a per-day weight (month seasonality, weekdays,
// growth) turned into a cumulative distribution that we sample by bisection.
import { monthOf, weekdayOf } from './calendar.ts';
import type { Random } from './random.ts';
import { MONTH_WEIGHT, WEEKDAY_WEIGHT, YEARLY_GROWTH } from './tables.ts';

export class SalesCalendar {
  /** cumulative[k] = total weight of days start .. start + k - 1. */
  private readonly cumulative: Float64Array;

  constructor(
    readonly start: number,
    readonly end: number
  ) {
    const days = end - start + 1;
    this.cumulative = new Float64Array(days + 1);
    for (let k = 0; k < days; k++) {
      const day = start + k;
      const weight = MONTH_WEIGHT[monthOf(day)] * WEEKDAY_WEIGHT[weekdayOf(day)] * (1 + (YEARLY_GROWTH * k) / 365);
      this.cumulative[k + 1] = this.cumulative[k] + weight;
    }
  }

  /** Share of all sales weight that falls in [from, to]. */
  share(from: number, to: number): number {
    const total = this.cumulative[this.cumulative.length - 1];
    return (this.cumulative[to - this.start + 1] - this.cumulative[from - this.start]) / total;
  }

  /** A day in [from, to] drawn in proportion to the sales weight. */
  sample(rng: Random, from: number, to: number): number {
    const lo = this.cumulative[from - this.start];
    const target = lo + rng.next() * (this.cumulative[to - this.start + 1] - lo);
    // Smallest k with cumulative[k + 1] > target.
    let a = from - this.start;
    let b = to - this.start;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (this.cumulative[mid + 1] > target) b = mid;
      else a = mid + 1;
    }
    return this.start + a;
  }
}
