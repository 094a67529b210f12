// Monthly collection costs that are not tied to one touch (metrics.md "costs").
import { monthStarts } from './calendar.ts';
import type { LedgerWriter } from './ledger-writer.ts';
import type { Random } from './random.ts';
import { MONTHLY_COSTS } from './tables.ts';

/** The cost table is sized for the demo portfolio; bigger ledgers get proportionally bigger teams. */
const DEMO_INVOICES = 70_000;
const YEARLY_RAISE = 0.04;

export function writeMonthlyCosts(rng: Random, writer: LedgerWriter, start: number, end: number, invoices: number): void {
  const scale = Math.max(0.05, invoices / DEMO_INVOICES);
  const months = monthStarts(start, end);
  months.forEach((monthStart, k) => {
    const monthEnd = (months[k + 1] ?? monthStartAfter(monthStart)) - 1;
    const raise = Math.pow(1 + YEARLY_RAISE, Math.floor(k / 12));
    for (const item of MONTHLY_COSTS) {
      const jitter = 1 + item.jitter * (rng.next() * 2 - 1);
      const cents = Math.max(100, Math.round(item.base * scale * raise * jitter * 100));
      // Payroll lands at month end; invoices from vendors on the first.
      const day = item.category === 'salaries' ? monthEnd : monthStart;
      writer.cost(day, item.category, cents, item.note);
    }
  });
}

function monthStartAfter(monthStart: number): number {
  return monthStarts(monthStart + 32, monthStart + 32)[0] ?? monthStart + 31;
}
