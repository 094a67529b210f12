// A collector's book: kpis and aging of interface.md over one collector's customers only. What a
// collector's overview shows (collector-scope.ts sets the collector on their requests), and what a
// controller asks with ?collector=. Figures: sql/marts/book_kpis.sql and open_invoices, in the
// reporting currency (each currency's totals converted at the as-of date).
import type { AgingReport, KpisReport } from '../contracts/reports.ts';
import type { Reader } from './reader.ts';
import { KPI_COLUMNS } from './reports.ts';

export async function bookKpis(db: Reader, collector: string, asOf: string, window: number, currency: string): Promise<KpisReport> {
  const [report] = await db.read<Omit<KpisReport, 'currency'>>(
    `select ${KPI_COLUMNS} from book_kpis($1, $2::date, $2::date, 'range', $3::integer, reporting := $4::varchar)`,
    [collector, asOf, window, currency]
  );
  return { ...report, currency };
}

/** The aging of the book: the open invoices of its customers per bucket and on the credits line (at the day daily_aging would read, like aging). */
export async function bookAging(db: Reader, collector: string, asOf: string, currency: string): Promise<AgingReport> {
  const lines = await db.read<{ bucket: string; balance: number; invoices: number }>(
    `with book as (select bucket, currency, balance, invoice_id from open_invoices(aging_day($1::date)) where collector = $2),
     per_currency as (select bucket, currency, sum(balance) as balance, count(*) as invoices from book group by bucket, currency),
     per_bucket as (
       select bucket, sum(to_reporting(balance, currency, $3::varchar, $1::date)) as balance, sum(invoices) as invoices
       from per_currency group by bucket
     ),
     lines as (select bucket, bucket_order from aging_buckets union all select 'credits', 1000000)
     select l.bucket, round(coalesce(p.balance, 0), 2)::double as balance, coalesce(p.invoices, 0)::integer as invoices
     from lines as l left join per_bucket as p using (bucket) order by l.bucket_order`,
    [asOf, collector, currency]
  );
  const [{ total }] = await db.read<{ total: number }>(
    `with per_currency as (select currency, sum(balance) as balance from open_invoices(aging_day($1::date)) where collector = $2 group by currency)
     select round(coalesce(sum(to_reporting(balance, currency, $3::varchar, $1::date)), 0), 2)::double as total from per_currency`,
    [asOf, collector, currency]
  );
  const credits = lines.find((l) => l.bucket === 'credits')!;
  return {
    as_of: asOf,
    buckets: lines.filter((l) => l.bucket !== 'credits'),
    credits: { balance: credits.balance, invoices: credits.invoices },
    total,
    currency
  };
}
