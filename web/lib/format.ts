// How figures are shown. Rounding happens here only; the figures themselves come from the API.
import { reportingCurrency } from './reporting-currency.svelte.ts';

const EM_DASH = '—';

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string | null, compact: boolean): Intl.NumberFormat {
  const key = `${currency ?? ''}:${compact}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const base: Intl.NumberFormatOptions = compact
      ? { notation: 'compact', minimumFractionDigits: 1, maximumFractionDigits: 1 }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    format = currency ? new Intl.NumberFormat('en-US', { ...base, style: 'currency', currency }) : new Intl.NumberFormat('en-US', base);
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * A money amount with its currency sign (Intl currency style). Without a currency given, the
 * reporting currency the figures are in (lib/reporting-currency); the bare amount only before it is known.
 */
export function money(value: number | null | undefined, currency: string | null, compact = false): string {
  if (value === null || value === undefined) return EM_DASH;
  currency ??= reportingCurrency();
  try {
    return moneyFormat(currency, compact).format(value);
  } catch {
    return moneyFormat(null, compact).format(value) + (currency ? ` ${currency}` : '');
  }
}

export function days(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? EM_DASH : `${value.toFixed(digits)} d`;
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? EM_DASH : `${(value * 100).toFixed(digits)} %`;
}

/** CEI is on its own 0–100 scale. */
export function index(value: number | null | undefined): string {
  return value === null || value === undefined ? EM_DASH : value.toFixed(1);
}

/** Cost per dollar collected: cents per dollar reads better than 0.0023. */
export function centsPerDollar(value: number | null | undefined): string {
  if (value === null || value === undefined) return EM_DASH;
  const cents = value * 100;
  // small costs keep two significant digits (0.027 ¢), larger ones two decimals
  return `${Math.abs(cents) < 1 ? Number(cents.toPrecision(2)).toString() : cents.toFixed(2)} ¢/$`;
}

export function integer(value: number | null | undefined): string {
  return value === null || value === undefined ? EM_DASH : new Intl.NumberFormat('en-US').format(value);
}

export type Unit = 'money' | 'days' | 'share' | 'index' | 'cents';

export function byUnit(value: number | null | undefined, unit: Unit, currency: string | null, compact = false): string {
  switch (unit) {
    case 'money':
      return money(value, currency, compact);
    case 'days':
      return days(value);
    case 'share':
      return percent(value);
    case 'index':
      return index(value);
    case 'cents':
      return centsPerDollar(value);
  }
}

/** A change, signed, in the figure's unit (percentage points for shares). */
export function change(value: number | null | undefined, unit: Unit, currency: string | null): string {
  if (value === null || value === undefined) return EM_DASH;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const size = Math.abs(value);
  if (unit === 'share') return `${sign}${(size * 100).toFixed(1)} pp`;
  return `${sign}${byUnit(size, unit, currency, unit === 'money')}`;
}

/**
 * The currency a page's report amounts are in: the reporting currency (picked, else the home
 * currency), which the API converts every currency of the ledger into. Before the header knows it,
 * the ledger's one currency, if it has only one.
 */
export function ledgerCurrency(currencies: { currency: string | null }[]): string | null {
  const reported = reportingCurrency();
  if (reported) return reported;
  const known = currencies.map((c) => c.currency).filter((c): c is string => !!c);
  return known.length === 1 ? known[0] : null;
}
