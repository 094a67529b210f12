// One customer end to end: its row, its drift truth, its invoices and everything
// that happens to them. Returns whether the customer slows down.
import { creditLimitCents, customerName, drawCustomer, streamSeed } from './customers.ts';
import { money } from './csv-sink.ts';
import { decideSlowdown } from './drift.ts';
import { planActivities } from './activities.ts';
import { planInvoice } from './invoice-flow.ts';
import type { LedgerWriter } from './ledger-writer.ts';
import type { ResolvedOptions } from './options.ts';
import { Random } from './random.ts';
import type { SalesCalendar } from './sales-calendar.ts';

export function writeCustomer(
  writer: LedgerWriter,
  o: ResolvedOptions,
  calendar: SalesCalendar,
  index: number,
  invoiceCount: number
): boolean {
  const c = drawCustomer(o.seed, index, o.startDay, o.endDay);
  const rng = new Random(streamSeed(o.seed, index, 2));
  const customerId = writer.customerId(index);
  writer.customer(customerId, [customerName(c), c.segment, c.country, c.currency, money(creditLimitCents(c)), c.terms, c.collector]);

  const invoiceDays = new Float64Array(invoiceCount);
  for (let k = 0; k < invoiceCount; k++) invoiceDays[k] = calendar.sample(rng, c.joinDay, c.leaveDay);
  invoiceDays.sort();
  const dueDays = Array.from(invoiceDays, (day) => day + c.terms);
  const slowdown = decideSlowdown(rng, c, dueDays, o.startDay, o.endDay);
  writer.driftTruth(customerId, slowdown?.start ?? null, slowdown?.extraDays ?? 0);

  const method = () => rng.weighted(c.profile.methods);
  const emit = writer.activity.bind(writer, customerId, c.collector);
  for (const invoiceDay of invoiceDays) {
    const plan = planInvoice(rng, c, slowdown, invoiceDay);
    const invoiceId = writer.invoice(
      customerId,
      invoiceDay,
      plan.dueDay,
      plan.cents,
      c.currency,
      plan.po,
      plan.disputedOn,
      plan.resolvedOn
    );
    o.truth?.({ invoiceId, customer: c, slowdown, plan });
    for (const p of plan.payments) writer.payment(invoiceId, customerId, p.day, p.cents, method());
    for (const a of plan.adjustments) writer.adjustment(invoiceId, a.day, a.cents, a.kind, a.reason);
    planActivities(rng, plan, invoiceId, emit);
  }
  return slowdown !== null;
}
