// Plain-language reasons for a drift score and a worklist item, worded from the figures the
// marts computed (sql/marts/drift.sql, worklist.sql). Wording only: no figure is computed here.

export interface DriftFigures {
  flagged: boolean;
  norm_days_late: number | null;
  baseline_invoices: number;
  recent_paid_invoices: number;
  paid_shift: number | null;
  shift: number | null;
  open_late_invoices: number;
  open_late_amount: number;
  open_late_min_days: number | null;
  partial_share: number;
  trend_per_quarter: number | null;
  /** Days late past which an invoice is later than the customer usually pays. */
  threshold_days: number | null;
  /**
   * Invoices since the most likely start of a slowdown: how many, how many were past the threshold,
   * and how many are still open well past the customer's usual day though not yet past the threshold.
   */
  run_invoices: number;
  run_exceedances: number;
  run_overdue: number;
}

/** Days shown to a person: whole days. */
const days = (x: number) => Math.round(Math.abs(x));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const formatMoney = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const lateness = (norm: number) =>
  norm > 0 ? `${plural(days(norm), 'day')} late` : norm < 0 ? `${plural(days(norm), 'day')} early` : 'on the due date';

export function driftReasons(f: DriftFigures): string[] {
  if (f.norm_days_late === null) return ['too little payment history for a norm yet'];
  const reasons: string[] = [];
  const usual = lateness(f.norm_days_late);
  if (f.paid_shift !== null && f.paid_shift >= 5) {
    reasons.push(`pays ${days(f.paid_shift)} days later than its 12-month norm (usually ${usual})`);
  } else if (f.paid_shift !== null && f.paid_shift <= -5) {
    reasons.push(`pays ${days(f.paid_shift)} days earlier than its 12-month norm (usually ${usual})`);
  }
  const late = f.run_exceedances + f.run_overdue;
  if (late >= 2 && f.threshold_days !== null) {
    const t = Math.floor(f.threshold_days);
    const beyond = t >= 0 ? `more than ${plural(t, 'day')} late` : `later than ${plural(-t, 'day')} early`;
    // with every late one past the threshold the sentence needs no count of each kind
    const how =
      f.run_overdue === 0
        ? beyond
        : [f.run_exceedances > 0 ? `${f.run_exceedances} of them ${beyond}` : '', `${f.run_overdue} still unpaid past its usual day`]
            .filter(Boolean)
            .join(', ');
    const which =
      late === f.run_invoices
        ? `its last ${f.run_invoices} invoices paid or overdue were all`
        : `${late} of its last ${f.run_invoices} invoices paid or overdue were`;
    reasons.push(`${which} later than usual (${how}; usually ${usual})`);
  }
  if (f.open_late_invoices > 0 && f.open_late_min_days !== null) {
    const pastDue = f.open_late_min_days > 0 ? `${f.open_late_min_days}+ days past due` : 'unpaid';
    reasons.push(
      `${plural(f.open_late_invoices, 'open invoice')} (${formatMoney(f.open_late_amount)}) already ${pastDue}, later than it usually pays (${usual})`
    );
  }
  if (f.trend_per_quarter !== null && f.trend_per_quarter >= 5) {
    reasons.push(`getting later: about ${days(f.trend_per_quarter)} more days late each quarter`);
  }
  if (f.partial_share >= 0.5 && f.open_late_invoices > 0) reasons.push('its late invoices are being paid in parts');
  if (f.baseline_invoices < 3) {
    reasons.push(`thin history (${plural(f.baseline_invoices, 'paid invoice')} in its norm): the score leans on the portfolio`);
  }
  if (reasons.length === 0 || (!f.flagged && reasons.every((r) => r.startsWith('thin')))) {
    reasons.unshift(`pays as usual (${usual})`);
  }
  return reasons;
}

export interface WorklistFigures {
  past_due_balance: number;
  past_due_invoices: number;
  oldest_days_past_due: number;
  drift_score: number;
  broken_promises: number;
  open_disputes: number;
  credit_use: number | null;
  parked_until: string | null;
  promised_date: string | null;
  promised_amount: number | null;
  next_action: string;
  ladder_action: string | null;
  next_action_on: string;
  last_channel: string | null;
  last_activity_date: string | null;
}

export function worklistReasons(f: WorklistFigures, driftFlagScore: number): string[] {
  const reasons: string[] = [];
  if (f.past_due_balance > 0) {
    reasons.push(
      `${formatMoney(f.past_due_balance)} past due on ${plural(f.past_due_invoices, 'invoice')}, the oldest ${plural(f.oldest_days_past_due, 'day')} past due`
    );
  }
  if (f.drift_score >= driftFlagScore) reasons.push(`paying slower than its norm (drift score ${Math.round(f.drift_score)})`);
  if (f.broken_promises > 0) reasons.push(`${plural(f.broken_promises, 'broken promise')} to pay`);
  if (f.open_disputes > 0) reasons.push(`${plural(f.open_disputes, 'invoice')} in dispute: resolve rather than escalate`);
  if (f.credit_use !== null && f.credit_use >= 0.8) reasons.push(`open balance at ${Math.round(f.credit_use * 100)} % of its credit limit`);
  if (f.parked_until) {
    const amount = f.promised_amount !== null ? `${formatMoney(f.promised_amount)} ` : '';
    reasons.push(`promised to pay ${amount}by ${f.promised_date}: parked until ${f.parked_until}`);
  } else if (f.next_action === 'wait' && f.last_activity_date) {
    reasons.push(`last ${f.last_channel} on ${f.last_activity_date}: next ${f.ladder_action} from ${f.next_action_on}`);
  }
  return reasons;
}
