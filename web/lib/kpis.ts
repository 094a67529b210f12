// The overview's tiles as data: which field of the weekly review, its unit, which way is better,
// where its definition is and which invoices stand behind it.
import type { Unit } from './format.ts';

export type ReviewKey = 'ar' | 'past_due_share' | 'dso' | 'bpdso' | 'add' | 'countback_dso' | 'cei' | 'cash_collected' | 'cost_per_dollar';

export interface KpiDefinition {
  key: ReviewKey;
  label: string;
  unit: Unit;
  better: 'lower' | 'higher' | 'neither';
  /** the anchor on /definitions */
  definition: string;
  /** the aging bucket whose invoices stand behind the figure (null: all open invoices) */
  bucket: string | null;
}

export const KPI_TILES: KpiDefinition[] = [
  { key: 'ar', label: 'Accounts receivable', unit: 'money', better: 'neither', definition: 'ar', bucket: null },
  { key: 'past_due_share', label: 'Past-due share', unit: 'share', better: 'lower', definition: 'past-due-share', bucket: null },
  { key: 'dso', label: 'DSO', unit: 'days', better: 'lower', definition: 'dso', bucket: null },
  { key: 'bpdso', label: 'Best possible DSO', unit: 'days', better: 'lower', definition: 'bpdso', bucket: 'current' },
  { key: 'add', label: 'Avg days delinquent', unit: 'days', better: 'lower', definition: 'add', bucket: null },
  { key: 'countback_dso', label: 'Countback DSO', unit: 'days', better: 'lower', definition: 'countback-dso', bucket: null },
  { key: 'cei', label: 'CEI', unit: 'index', better: 'higher', definition: 'cei', bucket: null },
  { key: 'cash_collected', label: 'Cash collected', unit: 'money', better: 'higher', definition: 'cash-collected', bucket: null },
  { key: 'cost_per_dollar', label: 'Cost per $ collected', unit: 'cents', better: 'lower', definition: 'cost-per-dollar', bucket: null }
];
