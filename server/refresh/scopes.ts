// The keys a change touches, per kind of key, and the inputs each kind filters. A core model marked
// `-- refresh: per K` (sql/core) is refreshed for the keys of scope K only: its rows of those keys go,
// and it is run again over its inputs filtered to those keys. That is right when every row of the
// model comes only from input rows of its own key, and every input that changed is filtered here.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Scope {
  /** temp table holding the keys, one column named like the key */
  table: string;
  /** input relation → its column holding the key, or a condition on its rows that keeps every row the scope's keys need */
  inputs: Record<string, string | { where: string }>;
}

export const SCOPES: Record<string, Scope> = {
  invoice_id: {
    table: 'refresh_invoices',
    inputs: {
      stg_invoices: 'invoice_id',
      stg_payments: 'invoice_id',
      stg_adjustments: 'invoice_id',
      ledger_invoices: 'invoice_id',
      invoice_flows: 'invoice_id',
      balance_segments: 'invoice_id',
      // read by core/forecast_history, which then reads the touched invoices' new rows only
      invoice_pay_dates: 'invoice_id'
    }
  },
  customer_id: { table: 'refresh_customers', inputs: { stg_customers: 'customer_id', stg_invoices: 'customer_id' } },
  activity_id: {
    table: 'refresh_activities',
    inputs: {
      stg_activities: 'activity_id',
      promise_invoices: 'activity_id',
      promise_invoice_links: 'activity_id',
      // a promise's payments: those of the invoices it names, or of its customer (core/promise_outcomes)
      invoice_flows: {
        where: `customer_id in (select customer_id from stg_activities where invoice_id is null and activity_id in (select activity_id from refresh_activities))
          or invoice_id in (select invoice_id from promise_invoice_links where activity_id in (select activity_id from refresh_activities))`
      }
    }
  },
  // the days of activities that came or went (activity_costs_per_day sums a day's activities)
  day: { table: 'refresh_activity_days', inputs: { stg_activities: 'activity_date' } }
};

/**
 * The keys each scope holds for the rows in refresh_rows (server/refresh/touched.ts). Read before
 * any core table changes: the old core rows (an invoice's old customer, a promise's links) count too.
 */
export async function computeScopes(connection: DuckDBConnection, onStep?: (step: string, milliseconds: number) => void): Promise<void> {
  let started = performance.now();
  const done = (step: string) => {
    onStep?.(step, performance.now() - started);
    started = performance.now();
  };
  await connection.run(`
    create or replace temp table refresh_customers as
      select distinct customer_id from refresh_rows
      where source_table in ('invoices', 'customers') and customer_id is not null;

    -- a customer's row gives its invoices their currency (core/ledger_invoices)
    create or replace temp table refresh_invoices as
      select invoice_id from refresh_rows where source_table in ('invoices', 'payments', 'adjustments') and invoice_id is not null
      union
      select invoice_id from stg_invoices where customer_id in (select customer_id from refresh_rows where source_table = 'customers')
      union
      select invoice_id from ledger_invoices where customer_id in (select customer_id from refresh_rows where source_table = 'customers');

    -- a promise is kept by the payments of the invoices it names, or, naming none, by those of its
    -- customer (core/promise_outcomes)
    create or replace temp table refresh_activities as
      select activity_id from refresh_rows where source_table = 'activities' and activity_id is not null
      union
      select activity_id from stg_activities
      where promised_date is not null and invoice_id is null and customer_id in (
        select customer_id from ledger_invoices where invoice_id in (select invoice_id from refresh_invoices)
        union
        select customer_id from stg_invoices where invoice_id in (select invoice_id from refresh_invoices)
      )
      union
      select activity_id from promise_invoice_links where invoice_id in (select invoice_id from refresh_invoices);

    create or replace temp table refresh_activity_days as
      select distinct day from refresh_rows where source_table = 'activities' and day is not null;
  `);
  done('scopes: the touched keys');
  for (const [key, scope] of Object.entries(SCOPES)) {
    for (const [input, filter] of Object.entries(scope.inputs)) {
      const where = typeof filter === 'string' ? `${filter} in (select ${key} from ${scope.table})` : filter.where;
      // an invoice's or a promise's rows, read by several models, are read once (a small table); a
      // core model's table of them is replaced by its new rows once it is refreshed (incremental.ts)
      const kind = typeof filter === 'string' && (key === 'invoice_id' || key === 'activity_id') ? 'table' : 'view';
      await connection.run(`create or replace temp ${kind} ${scopedName(key, input)} as select * from ${input} where ${where}`);
      done(`scopes: ${input} by ${key}`);
    }
  }
}

export const scopedName = (key: string, input: string) => `refresh_${key}_${input}`;

/** True when `input` is read through a scope's filter on its key column (not a condition of its own). */
export const filteredByKey = (key: string, input: string) => typeof SCOPES[key]?.inputs[input] === 'string';

/** The model's SQL reading, for each input the scope filters, only the rows of the scope's keys. */
export function scopedSql(sql: string, key: string): string {
  const inputs = Object.keys(SCOPES[key]!.inputs);
  return sql.replace(new RegExp(`\\b(${inputs.join('|')})\\b`, 'g'), (name) => scopedName(key, name));
}

/** Drops a temp table or view of that name, whichever it is (a scoped input starts as a view, may end as a table). */
export async function dropRelation(connection: DuckDBConnection, name: string): Promise<void> {
  const reader = await connection.runAndReadAll(
    `select 'table' from duckdb_tables() where temporary and table_name = '${name}' union all select 'view' from duckdb_views() where temporary and view_name = '${name}'`
  );
  for (const [kind] of reader.getRows() as [string][]) await connection.run(`drop ${kind} ${name}`);
}

export async function dropScopes(connection: DuckDBConnection): Promise<void> {
  for (const [key, scope] of Object.entries(SCOPES)) {
    for (const input of Object.keys(scope.inputs)) await dropRelation(connection, scopedName(key, input));
    await connection.run(`drop table if exists ${scope.table}`);
  }
  await connection.run('drop table if exists refresh_rows');
}
