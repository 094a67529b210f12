// Row-level rules: what makes a row of a shape unacceptable, as SQL over the parsed columns
// (`r_<field>` is the trimmed text, `<field>` the typed value). Messages live in messages.ts.
import { SHAPE_FIELDS } from './shapes.ts';
import type { FieldMap } from './detect.ts';
import type { Shape } from './types.ts';

export type CheckKind =
  | 'required'
  | 'invalid'
  | 'range'
  | 'positive'
  | 'nonnegative'
  | 'nonzero'
  | 'due_before'
  | 'required_for_invoice'
  | 'invoice_positive'
  | 'paid_without_date'
  | 'base_rate_one';

export interface Check {
  kind: CheckKind;
  field: string;
  /** second field a rule compares with (due_before) */
  other?: string;
}

/** Rules beyond "required" and "parses": signs and orders of metrics.md "Canonical data". */
const SHAPE_RULES: Record<Shape, Check[]> = {
  customers: [
    { kind: 'nonnegative', field: 'credit_limit' },
    { kind: 'nonnegative', field: 'terms_days' }
  ],
  invoices: [
    { kind: 'positive', field: 'amount' },
    { kind: 'due_before', field: 'due_date', other: 'invoice_date' }
  ],
  payments: [{ kind: 'positive', field: 'amount' }],
  adjustments: [{ kind: 'positive', field: 'amount' }],
  activities: [
    { kind: 'nonnegative', field: 'cost' },
    { kind: 'positive', field: 'promised_amount' }
  ],
  costs: [{ kind: 'nonnegative', field: 'amount' }],
  // metrics.md: the base itself has rate 1 on every day; a row of it with another rate contradicts the file
  fx_rates: [
    { kind: 'positive', field: 'units_per_base' },
    { kind: 'base_rate_one', field: 'units_per_base' }
  ],
  // Ledgers often sign payments and credits negative: those keep their absolute value, only 0 is refused.
  ledger: [
    { kind: 'required_for_invoice', field: 'customer_id' },
    { kind: 'required_for_invoice', field: 'due_date' },
    { kind: 'invoice_positive', field: 'amount' },
    { kind: 'nonzero', field: 'amount' },
    { kind: 'due_before', field: 'due_date', other: 'entry_date' }
  ],
  settled: [
    { kind: 'positive', field: 'amount' },
    { kind: 'due_before', field: 'due_date', other: 'invoice_date' },
    { kind: 'positive', field: 'amount_paid' },
    { kind: 'paid_without_date', field: 'amount_paid' }
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

function condition({ kind, field: f, other }: Check): string {
  switch (kind) {
    case 'required':
      return `r_${f} is null`;
    case 'invalid':
      return `r_${f} is not null and ${f} is null`;
    case 'range':
      return `${f} not between date '${MIN_DATE}' and date '${MAX_DATE}'`;
    case 'positive':
      return `${f} <= 0`;
    case 'nonnegative':
      return `${f} < 0`;
    case 'nonzero':
      return `${f} = 0`;
    case 'due_before':
      return `${f} < ${other}`;
    case 'required_for_invoice':
      return `entry_type = 'invoice' and r_${f} is null`;
    case 'invoice_positive':
      return `entry_type = 'invoice' and ${f} < 0`;
    case 'paid_without_date':
      return `r_amount_paid is not null and r_settled_date is null`;
    case 'base_rate_one':
      return `currency = coalesce(base, ingest_home_currency()) and units_per_base <> 1`;
  }
}

/** SQL that is true when the row breaks the check (never null: a missing value breaks no rule). */
export function checkSql(check: Check): string {
  return `((${condition(check)}) is true)`;
}

/**
 * One predicate for "the row breaks some check", as cheap as possible: it runs on every row of the
 * fast path. A required field that is null after typing was either empty or unparseable, so one
 * `is null` stands for both checks; null comparisons are left null and the whole is made boolean once.
 */
export function anyCheckSql(checks: Check[], requiredFields: Set<string>): string {
  if (!checks.length) return 'false';
  const parts: string[] = [];
  for (const check of checks) {
    if (requiredFields.has(check.field) && check.kind === 'required') parts.push(`${check.field} is null`);
    else if (requiredFields.has(check.field) && check.kind === 'invalid') continue;
    else parts.push(`(${condition(check)})`);
  }
  return `((${parts.join('\n      or ')}) is true)`;
}
