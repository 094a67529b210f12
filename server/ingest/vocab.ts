// Value vocabularies: the words exports use for yes/no, adjustment kinds and ledger entry types.
// Keys are matched after lower-casing and removing everything but letters and digits.

export const BOOLEAN_WORDS: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  t: true,
  1: true,
  x: true,
  disputed: true,
  no: false,
  n: false,
  false: false,
  f: false,
  0: false
};

/** Adjustment kinds of metrics.md: credit_note or write_off. */
export const ADJUSTMENT_KIND_WORDS: Record<string, string> = {
  creditnote: 'credit_note',
  credit: 'credit_note',
  cn: 'credit_note',
  creditmemo: 'credit_note',
  cm: 'credit_note',
  writeoff: 'write_off',
  wo: 'write_off',
  writtenoff: 'write_off',
  baddebt: 'write_off',
  baddebtwriteoff: 'write_off'
};

/** Ledger entry types: what each ledger row becomes. */
export const ENTRY_TYPE_WORDS: Record<string, string> = {
  invoice: 'invoice',
  inv: 'invoice',
  in: 'invoice',
  bill: 'invoice',
  debitnote: 'invoice',
  debitmemo: 'invoice',
  dn: 'invoice',
  payment: 'payment',
  pmt: 'payment',
  pymt: 'payment',
  pay: 'payment',
  receipt: 'payment',
  cashreceipt: 'payment',
  rcpt: 'payment',
  cash: 'payment',
  ...ADJUSTMENT_KIND_WORDS
};
