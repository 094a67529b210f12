// A collector's book: kpis and aging of interface.md over one collector's customers only. What a
// collector's overview shows (collector-scope.ts sets the collector on their requests), and what a
// controller asks with ?collector=. Figures: sql/marts/book_kpis.sql and open_invoices.
import type { AgingReport, KpisReport } from './contracts/reports.ts';
import { KPI_COLUMNS, type Reader } from './reports.ts';

export async function bookKpis(db: Reader, collector: string, asOf: string, window: number): Promise<KpisReport> {
  const [report] = await db.read<KpisReport>(`select ${KPI_COLUMNS} from book_kpis($1, $2::date, $2::date, 'range', $3::integer)`, [collector, asOf, window]);
  return report;
}

/** The aging of the book: the open invoices of its customers per bucket (at the day daily_aging would read, like aging). */
export async function bookAging(db: Reader, collector: string, asOf: string): Promise<AgingReport> {
  const buckets = await db.read<{ bucket: string; balance: number; invoices: number }>(
    `with book as (select bucket, balance, invoice_id from open_invoices(aging_day($1::date)) where collector = $2)
     select b.bucket, round(coalesce(sum(o.balance), 0), 2)::double as balance, count(o.invoice_id)::integer as invoices
     from aging_buckets as b left join book as o using (bucket)
     group by b.bucket, b.bucket_order order by b.bucket_order`,
    [asOf, collector]
  );
  const [{ total }] = await db.read<{ total: number }>(
    'select round(coalesce(sum(balance), 0), 2)::double as total from open_invoices(aging_day($1::date)) where collector = $2',
    [asOf, collector]
  );
  return { as_of: asOf, buckets, total };
}
