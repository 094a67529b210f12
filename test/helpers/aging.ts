// The aging lines a report answers, written as the test expects them: the six buckets in their
// order, each with its [balance, invoices], zero where the hand-worked ledger puts nothing.
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;
type Bucket = (typeof AGING_BUCKETS)[number];

export const agingLines = (filled: Partial<Record<Bucket, [balance: number, invoices: number]>>) =>
  AGING_BUCKETS.map((bucket) => ({ bucket, balance: filled[bucket]?.[0] ?? 0, invoices: filled[bucket]?.[1] ?? 0 }));
