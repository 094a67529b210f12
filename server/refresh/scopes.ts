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

/** What the models refreshed per key are, as far as the scopes need to know. */
export interface ScopeReaders {
  /**
   * the SQL of the models refreshed per `key` that read these rows of `input`: for a core model
   * refreshed per `key`, only the summed models (the others read its new rows, incremental.ts)
   */
  readersOf(key: string, input: string): string[];
  /**
   * True for a core model's input whose old rows no model reads (a summed model's old part would):
   * its own refresh leaves its new rows as the scope for the models after it (incremental.ts).
   */
  readLater(key: string, input: string): boolean;
  /** True for a core model refreshed per `key` (its rows of the scope are deleted and made again) */
  refreshedPer(key: string, input: string): boolean;
}

const EVERY_INPUT: ScopeReaders = { readersOf: () => ['*'], readLater: () => false, refreshedPer: () => false };

/** The column of a core model's scope table that holds each old row's row id (for its delete). */
export const ROW_ID = 'refresh_rowid';

/**
 * The keys each scope holds for the rows in refresh_rows (server/refresh/touched.ts), and each
 * scope's rows of its inputs. Read before any core table changes: the old core rows (an invoice's
 * old customer, a promise's links) count too.
 */
export async function computeScopes(
  connection: DuckDBConnection,
  readers: ScopeReaders = EVERY_INPUT,
  onStep?: (step: string, milliseconds: number) => void
): Promise<void> {
  let started = performance.now();
  const done = (step: string) => {
    onStep?.(step, performance.now() - started);
    started = performance.now();
  };
  const customersFileChanged = await exists(connection, "select 1 from refresh_rows where source_table = 'customers'");
  await connection.run(`
    create or replace temp table refresh_customers as
      select distinct customer_id from refresh_rows
      where source_table in ('invoices', 'customers') and customer_id is not null;

    -- a customer's row gives its invoices their currency (core/ledger_invoices)
    create or replace temp table refresh_invoices as
      select invoice_id from refresh_rows where source_table in ('invoices', 'payments', 'adjustments') and invoice_id is not null
      ${
        customersFileChanged
          ? `union
      select invoice_id from stg_invoices where customer_id in (select customer_id from refresh_rows where source_table = 'customers')
      union
      select invoice_id from ledger_invoices where customer_id in (select customer_id from refresh_rows where source_table = 'customers')`
          : ''
      };

    create or replace temp table refresh_activity_days as
      select distinct day from refresh_rows where source_table = 'activities' and day is not null;
  `);
  done('scopes: the touched invoices and customers');
  await readInputs(connection, 'invoice_id', readers, done);
  // a promise is kept by the payments of the invoices it names, or, naming none, by those of its
  // customer (core/promise_outcomes): the touched invoices' customers, old and new, are in the rows
  // of ledger_invoices and stg_invoices just read
  await connection.run(`
    create or replace temp table refresh_activities as
      select activity_id from refresh_rows where source_table = 'activities' and activity_id is not null
      union
      select activity_id from stg_activities
      where promised_date is not null and invoice_id is null and customer_id in (
        select customer_id from ${scopedName('invoice_id', 'ledger_invoices')}
        union
        select customer_id from ${scopedName('invoice_id', 'stg_invoices')}
      )
      union
      select activity_id from promise_invoice_links where invoice_id in (select invoice_id from refresh_invoices);
  `);
  done('scopes: the touched promises');
  for (const key of Object.keys(SCOPES)) if (key !== 'invoice_id') await readInputs(connection, key, readers, done);
}

/** The touched promises (above) read these rows of the touched invoices: their customers, old and new. */
const READ_FOR_PROMISES = ['ledger_invoices', 'stg_invoices'];

async function exists(connection: DuckDBConnection, sql: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(`select exists (${sql})`);
  return reader.getRows()[0]![0] === true;
}

/**
 * The rows of the scope's keys, of each input of scope `key`. An invoice's or a promise's rows, read
 * by several models, are read once into a small table, with only the columns those models name: a
 * wide input (a payment's id, an activity's note) costs most of its scan in the columns no model
 * reads. A core model's table of them is replaced by its new rows once it is refreshed (incremental.ts).
 */
async function readInputs(connection: DuckDBConnection, key: string, readers: ScopeReaders, done: (step: string) => void): Promise<void> {
  const scope = SCOPES[key]!;
  for (const [input, filter] of Object.entries(scope.inputs)) {
    const keyed = typeof filter === 'string';
    const forPromises = key === 'invoice_id' && READ_FOR_PROMISES.includes(input);
    // the touched promises read the customer
    const sqls = [...readers.readersOf(key, input), ...(forPromises ? ['customer_id'] : [])];
    if (sqls.length === 0 || (readers.readLater(key, input) && !forPromises)) continue;
    const where = keyed ? `${filter} in (select ${key} from ${scope.table})` : filter.where;
    const kind = keyed && (key === 'invoice_id' || key === 'activity_id') ? 'table' : 'view';
    let columns = kind === 'table' ? await namedColumns(connection, input, key, sqls) : '*';
    // a core model's old rows: its refresh deletes them by their row ids, without another scan by key
    if (kind === 'table' && readers.refreshedPer(key, input)) columns = `rowid as ${ROW_ID}, ${columns}`;
    await connection.run(`create or replace temp ${kind} ${scopedName(key, input)} as select ${columns} from ${input} where ${where}`);
    done(`scopes: ${input} by ${key}`);
  }
}

/** The columns of `input` that one of `sqls` names as a word (all of them for '*'), and the key. */
async function namedColumns(connection: DuckDBConnection, input: string, key: string, sqls: string[]): Promise<string> {
  if (sqls.includes('*')) return '*';
  const all = await columnNamesOf(connection, input);
  return all.filter((column) => column === key || sqls.some((sql) => new RegExp(`\\b${column}\\b`).test(sql))).join(', ');
}

/** The column names of a table or view, in order. */
export async function columnNamesOf(connection: DuckDBConnection, relation: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`select * from ${relation} limit 0`);
  return reader.columnNames();
}

/** `a.x is not distinct from b.x and ...`: rows of the same group (a group by keeps null as one group, where `=` would not match it). */
export const matching = (columns: string[], a: string, b: string) =>
  columns.map((column) => `${a}.${column} is not distinct from ${b}.${column}`).join(' and ');

export const scopedName = (key: string, input: string) => `refresh_${key}_${input}`;

/** True when `input` is read through a scope's filter on its key column (not a condition of its own). */
export const filteredByKey = (key: string, input: string) => typeof SCOPES[key]?.inputs[input] === 'string';

/** The model's SQL reading, for each input the scope filters, only the rows of the scope's keys. */
export function scopedSql(sql: string, key: string): string {
  const inputs = Object.keys(SCOPES[key]!.inputs);
  return sql.replace(new RegExp(`\\b(${inputs.join('|')})\\b`, 'g'), (name) => scopedName(key, name));
}

async function relationKinds(connection: DuckDBConnection, name: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `select 'table' from duckdb_tables() where temporary and table_name = '${name}' union all select 'view' from duckdb_views() where temporary and view_name = '${name}'`
  );
  return (reader.getRows() as [string][]).map(([kind]) => kind);
}

/** True when a temp table or view of that name exists. */
export async function relationExists(connection: DuckDBConnection, name: string): Promise<boolean> {
  return (await relationKinds(connection, name)).length > 0;
}

/** Drops a temp table or view of that name, whichever it is (a scoped input starts as a view, may end as a table). */
export async function dropRelation(connection: DuckDBConnection, name: string): Promise<void> {
  for (const kind of await relationKinds(connection, name)) await connection.run(`drop ${kind} ${name}`);
}

export async function dropScopes(connection: DuckDBConnection): Promise<void> {
  for (const [key, scope] of Object.entries(SCOPES)) {
    for (const input of Object.keys(scope.inputs)) await dropRelation(connection, scopedName(key, input));
    await connection.run(`drop table if exists ${scope.table}`);
  }
  await connection.run('drop table if exists refresh_rows');
}
