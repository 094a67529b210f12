// Row-level rules: what makes a row of a shape unacceptable, as SQL over the parsed columns
// (`r_<field>` is the trimmed text, `<field>` the typed value). Messages live in messages.ts.
import { SHAPE_FIELDS } from './shapes.ts';
import type { FieldMap } from './detect.ts';
import type { Shape } from './types.ts';

export type CheckKind =
  | 'required' | 'invalid' | 'range' | 'positive' | 'nonnegative' | 'nonzero'
  | 'due_before' | 'required_for_invoice' | 'invoice_positive' | 'paid_without_date';

export interface Check {
  kind: CheckKind;
  field: string;
  /** second field a rule compares with (due_before) */
  other?: string;
}

/** Rules beyond "required" and "parses": signs and orders of metrics.md "Canonical data". */
const SHAPE_RULES: Record<Shape, Check[]> = {
  customers: [{ kind: 'nonnegative', field: 'credit_limit' }, { kind: 'nonnegative', field: 'terms_days' }],
  invoices: [{ kind: 'positive', field: 'amount' }, { kind: 'due_before', field: 'due_date', other: 'invoice_date' }],
  payments: [{ kind: 'positive', field: 'amount' }],
  adjustments: [{ kind: 'positive', field: 'amount' }],
  activities: [{ kind: 'nonnegative', field: 'cost' }, { kind: 'positive', field: 'promised_amount' }],
  costs: [{ kind: 'nonnegative', field: 'amount' }],
  // Ledgers often sign payments and credits negative: those keep their absolute value, only 0 is refused.
  ledger: [
    { kind: 'required_for_invoice', field: 'customer_id' }, { kind: 'required_for_invoice', field: 'due_date' },
    { kind: 'invoice_positive', field: 'amount' }, { kind: 'nonzero', field: 'amount' },
    { kind: 'due_before', field: 'due_date', other: 'entry_date' }
  ],
  settled: [
    { kind: 'positive', field: 'amount' }, { kind: 'due_before', field: 'due_date', other: 'invoice_date' },
    { kind: 'positive', field: 'amount_paid' }, { kind: 'paid_without_date', field: 'amount_paid' }
  ]
};

export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

/** All checks of a file: generic ones from the field kinds, then the shape's rules. */
export function checksFor(shape: Shape, fields: FieldMap): Check[] {
  const checks: Check[] = [];
  for (const [field, spec] of Object.entries(SHAPE_FIELDS[shape])) {
    if (!(field in fields)) continue;
    if (spec.required) checks.push({ kind: 'required', field });
    if (spec.kind !== 'text' && spec.kind !== 'id') checks.push({ kind: 'invalid', field });
    if (spec.kind === 'date') checks.push({ kind: 'range', field });
  }
  return [...checks, ...SHAPE_RULES[shape]];
}

/** SQL that is true when the row breaks the check (never null). */
export function checkSql({ kind, field, other }: Check): string {
  const f = field;
  const condition = {
    required: `r_${f} is null`,
    invalid: `r_${f} is not null and ${f} is null`,
    range: `${f} < date '${MIN_DATE}' or ${f} > date '${MAX_DATE}'`,
    positive: `${f} <= 0`,
    nonnegative: `${f} < 0`,
    nonzero: `${f} = 0`,
    due_before: `${f} < ${other}`,
    required_for_invoice: `entry_type = 'invoice' and r_${f} is null`,
    invoice_positive: `entry_type = 'invoice' and ${f} < 0`,
    paid_without_date: `r_amount_paid is not null and r_settled_date is null`
  }[kind];
  return `coalesce(${condition}, false)`;
}
