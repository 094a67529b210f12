// The filters of a page over the ledger's invoices (segment, collector, the invoices' currency), each
// offering what the ledger holds: the aging and aged-balance pages filter by the same three.
import type { LedgerInfo } from '../../server/contracts/dashboard.ts';

export interface LedgerFilterValues {
  segment?: string;
  collector?: string;
  invoice_currency?: string;
}

export function ledgerFilters(ledger: LedgerInfo, values: LedgerFilterValues, currencyLabel: string) {
  return [
    { key: 'segment', label: 'Segment', options: ledger.segments, value: values.segment },
    { key: 'collector', label: 'Collector', options: ledger.collectors, value: values.collector },
    {
      key: 'invoice_currency',
      label: currencyLabel,
      options: ledger.currencies.map((c) => c.currency).filter((c): c is string => !!c),
      value: values.invoice_currency
    }
  ];
}
