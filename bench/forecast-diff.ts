// The figures two forecast reports disagree on (bench/forecast-perf.ts, bench/forecast-same.ts).
import type { weeksAndInvoices } from '../server/queries/forecast.ts';

type Report = Awaited<ReturnType<typeof weeksAndInvoices>>;

/**
 * Every figure that differs between the reference's report and this one: the invoices (by invoice
 * id: balance, due date, the three pay dates, late probability, as the API gives them) and the
 * weeks (from, to, expected, low, high, in cents).
 */
export function differences(old: Report, now: Report): { invoices: number; weeks: number; examples: string[] } {
  const [oldWeeks, oldInvoices] = old;
  const [nowWeeks, nowInvoices] = now;
  const current = new Map(nowInvoices.map((i) => [i.invoice_id, JSON.stringify(i)]));
  const differing = oldInvoices.filter((i) => current.get(i.invoice_id) !== JSON.stringify(i));
  const extra = nowInvoices.length - oldInvoices.length;
  const weeks = nowWeeks.filter((w, k) => JSON.stringify(oldWeeks[k]) !== JSON.stringify(w));
  return {
    invoices: differing.length + Math.max(extra, 0),
    weeks: weeks.length + Math.max(oldWeeks.length - nowWeeks.length, 0),
    examples: [
      ...differing.slice(0, 3).map((i) => `${JSON.stringify(i)} now ${current.get(i.invoice_id)}`),
      ...weeks.slice(0, 2).map((w) => `${JSON.stringify(oldWeeks[nowWeeks.indexOf(w)])} now ${JSON.stringify(w)}`)
    ]
  };
}
