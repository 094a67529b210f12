// What the loaded ledger spans and holds (dates, the default as-of date and week,
// currencies, segments, collectors), so pages can default the week and offer filters without guessing.
import type { LedgerInfo } from '../contracts/dashboard.ts';
import { ledgerBounds } from '../as-of.ts';
import { reportingCurrency, type Reader } from './reader.ts';

export async function ledgerInfo(db: Reader): Promise<LedgerInfo> {
  const bounds = await ledgerBounds(db);
  const currencies = await db.read<{ currency: string | null; invoices: number }>(
    `select currency, count(*)::integer as invoices from ledger_invoices group by all order by invoices desc, currency`
  );
  const rates = await db.read<{ currency: string }>('select distinct currency from fx_rate_segments order by currency');
  const segments = await db.read<{ v: string }>('select distinct segment as v from all_customers where segment is not null order by v');
  const collectors = await db.read<{ v: string }>(
    'select distinct collector as v from all_customers where collector is not null order by v'
  );
  return {
    ...bounds,
    home_currency: await reportingCurrency(db, undefined),
    rate_currencies: rates.map((r) => r.currency),
    currencies,
    segments: segments.map((r) => r.v),
    collectors: collectors.map((r) => r.v)
  };
}
