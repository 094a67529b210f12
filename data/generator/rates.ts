// Daily exchange rates for every currency the demo bills in, so reports convert from the start.
// One business-day series per currency against the home currency USD, from a week before the
// first invoice to the last day: a random walk in log space pulled back to a plausible level.
import { weekdayOf } from './calendar.ts';
import type { LedgerWriter } from './ledger-writer.ts';
import type { Random } from './random.ts';
import { COUNTRIES } from './tables.ts';

export const RATES_BASE = 'USD';

/** Units of each currency per US dollar around which its rate moves (late-2020s levels). */
const LEVELS: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };
/** Daily standard deviation of the log rate (about 6 % a year) and the pull back to the level. */
const DAILY_SIGMA = 0.004;
const REVERSION = 0.01;
/** The series starts this many days before the first invoice, so its first day has a rate. */
const LEAD_DAYS = 7;

export function billedCurrencies(): string[] {
  return [...new Set(COUNTRIES.map(([, currency]) => currency))].sort();
}

export function writeDailyRates(rng: Random, writer: LedgerWriter, start: number, end: number): void {
  const currencies = billedCurrencies();
  for (const currency of currencies) {
    if (!(currency in LEVELS)) throw new Error(`no rate level for ${currency}: add it to LEVELS in data/generator/rates.ts`);
  }
  const level = Object.fromEntries(currencies.map((c) => [c, Math.log(LEVELS[c]!)]));
  const log = { ...level };
  for (let day = start - LEAD_DAYS; day <= end; day++) {
    const weekday = weekdayOf(day);
    if (weekday === 0 || weekday === 6) continue;
    for (const currency of currencies) {
      if (currency === RATES_BASE) {
        writer.rate(day, currency, 1, RATES_BASE);
        continue;
      }
      log[currency] = log[currency]! + REVERSION * (level[currency]! - log[currency]!) + DAILY_SIGMA * rng.normal();
      writer.rate(day, currency, Math.exp(log[currency]!), RATES_BASE);
    }
  }
}
