// The aged balance by customer (customers × aging buckets plus credits) and the invoices behind one
// of its cells. Figures: sql/marts/aged_balance.sql and aged_invoices.sql; this file only pivots.
import type {
  AgedBalanceFilters,
  AgedBalanceQuery,
  AgedBalanceReport,
  AgedBalanceRow,
  AgedCellQuery,
  AgedCellReport
} from '../contracts/aged-balance.ts';
import { reportingCurrency, type Reader } from './reader.ts';
import { resolveAsOf } from '../as-of.ts';
import { BadParameter } from './bad-parameter.ts';

export const CREDITS = 'credits';

/** The columns of the aged balance: the aging buckets in their order, then credits. */
export async function agedColumns(db: Reader): Promise<string[]> {
  const buckets = await db.read<{ bucket: string }>('select bucket from aging_buckets order by bucket_order');
  return [...buckets.map((b) => b.bucket), CREDITS];
}

// The filters as parameters $2–$4 after the as-of date $1; a missing one matches everything.
const FILTERS =
  '($2::varchar is null or segment = $2) and ($3::varchar is null or collector = $3) and ($4::varchar is null or currency = $4)';

/** The as-of date and reporting currency a query resolves to, and its filters as parameters $1–$4. */
async function resolveFilters(db: Reader, query: AgedBalanceFilters) {
  const asOf = await resolveAsOf(db, query.as_of);
  const currency = await reportingCurrency(db, query.currency);
  return { asOf, currency, filters: [asOf, query.segment ?? null, query.collector ?? null, query.invoice_currency ?? null] };
}

interface CustomerCells {
  customer_id: string;
  name: string | null;
  segment: string | null;
  collector: string | null;
  total: number;
  invoices: number;
  cells: { aged_column: string; balance: number }[];
}

export async function agedBalance(db: Reader, query: AgedBalanceQuery): Promise<AgedBalanceReport> {
  const columns = await agedColumns(db);
  const sortable = ['customer', 'name', 'total', ...columns];
  if (!sortable.includes(query.sort)) throw new BadParameter('sort', `must be one of ${sortable.join(', ')}`);
  const { asOf, currency, filters: asked } = await resolveFilters(db, query);
  const filters = [...asked, currency];
  const from = 'aged_balance($1::date, $2::varchar, $3::varchar, $4::varchar, reporting := $5::varchar)';
  // a cell adds its currencies' converted totals; a customer's total adds its cells and is rounded once
  const rows = await db.read<CustomerCells & Record<string, unknown>>(
    `with cells as (
       select customer_id, any_value(name) as name, any_value(segment) as segment, any_value(collector) as collector,
         aged_column, sum(balance) as balance, sum(invoices) as invoices
       from ${from}
       group by customer_id, aged_column
     )
     select
       customer_id, any_value(name) as name, any_value(segment) as segment, any_value(collector) as collector,
       round(sum(balance), 2)::double as total, sum(invoices)::integer as invoices,
       list({'aged_column': aged_column, 'balance': round(balance, 2)::double}) as cells
     from cells
     group by customer_id
     order by
       case when $6 = 'customer' then customer_id when $6 = 'name' then coalesce(any_value(name), customer_id) end ${query.dir},
       case when $6 = 'total' then sum(balance) when $6 not in ('customer', 'name') then coalesce(sum(balance) filter (where aged_column = $6), 0) end ${query.dir},
       customer_id`,
    [...filters, query.sort]
  );
  // a column's total, like the aging report's line, converts each currency's total of the column;
  // the grand total each currency's total of the table: one read for both
  const totals = await db.read<{ aged_column: string; is_total: boolean; balance: number; invoices: number }>(
    `with own as (
       select aged_column, grouping(aged_column) = 1 as is_total, currency, sum(own_balance) as own_balance, sum(invoices) as invoices
       from ${from}
       group by grouping sets ((aged_column, currency), (currency))
     )
     select aged_column, is_total, round(sum(to_reporting(own_balance, currency, $5::varchar, $1::date)), 2)::double as balance,
       sum(invoices)::integer as invoices
     from own
     group by aged_column, is_total`,
    filters
  );
  const columnTotals = totals.filter((t) => !t.is_total);
  const total = totals.find((t) => t.is_total)?.balance ?? 0;
  const currencies = await db.read<{ currency: string }>(
    `select distinct currency from aged_invoices($1::date) where ${FILTERS} and currency is not null order by currency`,
    asked
  );
  const byColumn = (cells: { aged_column: string; balance: number }[]) =>
    Object.fromEntries(columns.map((column) => [column, cells.find((c) => c.aged_column === column)?.balance ?? 0]));
  const customers: AgedBalanceRow[] = rows.map((row) => ({
    customer_id: row.customer_id,
    name: row.name,
    segment: row.segment,
    collector: row.collector,
    balances: byColumn(row.cells),
    total: row.total,
    invoices: row.invoices
  }));
  return {
    as_of: asOf,
    columns,
    sort: query.sort,
    dir: query.dir,
    customers,
    totals: { balances: byColumn(columnTotals), total, invoices: columnTotals.reduce((n, t) => n + t.invoices, 0) },
    currency,
    currencies: currencies.map((c) => c.currency)
  };
}

export async function agedCell(db: Reader, query: AgedCellQuery): Promise<AgedCellReport> {
  const columns = await agedColumns(db);
  if (!columns.includes(query.column)) throw new BadParameter('column', `must be one of ${columns.join(', ')}`);
  const { asOf, currency, filters } = await resolveFilters(db, query);
  const params = [...filters, query.customer_id, query.column, currency];
  const invoices = await db.read<AgedCellReport['invoices'][number]>(
    `select invoice_id, strftime(invoice_date, '%Y-%m-%d') as invoice_date, strftime(due_date, '%Y-%m-%d') as due_date, currency,
       round(amount, 2)::double as amount, round(balance, 2)::double as balance, days_past_due::integer as days_past_due, in_dispute
     from aged_invoices($1::date)
     where ${FILTERS} and customer_id = $5 and aged_column = $6
     order by days_past_due desc, invoice_id`,
    params.slice(0, 6)
  );
  const [{ balance }] = await db.read<{ balance: number }>(
    `select round(coalesce(sum(balance), 0), 2)::double as balance
     from aged_balance($1::date, $2::varchar, $3::varchar, $4::varchar, reporting := $7::varchar)
     where customer_id = $5 and aged_column = $6`,
    params
  );
  return { as_of: asOf, customer_id: query.customer_id, column: query.column, currency, balance, invoices };
}
