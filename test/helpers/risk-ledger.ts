// Hand-built customers for the drift and worklist tests: monthly invoices of 1,000.00 on 30-day
// terms, each paid a chosen number of days after its due date (or not by a given day).
type Value = string | number | boolean | null;

export const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

export interface Habit {
  customer_id: string;
  /** Due dates of the invoices, YYYY-MM-DD. */
  dues: string[];
  /** Days late of each invoice's payment (null: never paid). */
  lateness: (due: string, index: number) => number | null;
  amount?: string;
}

export function monthlyDues(from: string, to: string): string[] {
  const dues: string[] = [];
  for (let d = new Date(from + 'T00:00:00Z'); d.toISOString().slice(0, 10) <= to; d.setUTCMonth(d.getUTCMonth() + 1)) {
    dues.push(d.toISOString().slice(0, 10));
  }
  return dues;
}

export function habitRows(habits: Habit[]): { invoices: Record<string, Value>[]; payments: Record<string, Value>[] } {
  const invoices: Record<string, Value>[] = [];
  const payments: Record<string, Value>[] = [];
  for (const h of habits) {
    h.dues.forEach((due, index) => {
      const invoice_id = `${h.customer_id}-${due}`;
      const amount = h.amount ?? '1000.00';
      invoices.push({ invoice_id, customer_id: h.customer_id, invoice_date: addDays(due, -30), due_date: due, amount });
      const late = h.lateness(due, index);
      if (late !== null) payments.push({ payment_id: `P-${invoice_id}`, invoice_id, payment_date: addDays(due, late), amount });
    });
  }
  return { invoices, payments };
}
