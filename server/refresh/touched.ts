// Which rows a write brings or takes away, as the keys an incremental refresh needs: the invoice, the
// customer, the activity and its day. Rows that arrive are found afterwards by their load id; rows
// that leave (undo, --replace) are noted here before they are deleted, in the write's transaction,
// so a write that rolls back notes nothing.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckDBValue } from '@duckdb/node-api';

/** The canonical tables whose changes the core models can follow key by key; a change to any other (fx_rates, costs) rebuilds all. */
export const KEYED_TABLES = {
  invoices: 'invoice_id, customer_id, null::varchar, null::date',
  payments: 'invoice_id, null::varchar, null::varchar, null::date',
  adjustments: 'invoice_id, null::varchar, null::varchar, null::date',
  customers: 'null::varchar, customer_id, null::varchar, null::date',
  activities: 'null::varchar, customer_id, activity_id, activity_date'
} as const;

export type KeyedTable = keyof typeof KEYED_TABLES;
export const isKeyedTable = (table: string): table is KeyedTable => Object.hasOwn(KEYED_TABLES, table);

export const LEAVING = 'refresh_leaving';
const COLUMNS = '(source_table varchar, invoice_id varchar, customer_id varchar, activity_id varchar, day date)';

/** The keys of `table`'s rows matching `where`, noted before the caller deletes them. */
export async function noteLeavingRows(connection: DuckDBConnection, table: string, where: string, params: DuckDBValue[]): Promise<void> {
  await connection.run(`create temp table if not exists ${LEAVING} ${COLUMNS}`);
  const keys = isKeyedTable(table) ? KEYED_TABLES[table] : 'null::varchar, null::varchar, null::varchar, null::date';
  await connection.run(`insert into ${LEAVING} select '${table}', ${keys} from ${table} where ${where}`, params);
}

/** Forgets the rows noted so far (after a refresh of any kind has taken them into account). */
export async function forgetLeavingRows(connection: DuckDBConnection): Promise<void> {
  await connection.run(`drop table if exists ${LEAVING}`);
}

/**
 * refresh_rows: the keys of every row that left (noted above) or arrived (rows of `arrivedLoads`).
 * Returns the canonical tables that changed.
 */
export async function collectTouchedRows(connection: DuckDBConnection, arrivedLoads: number[]): Promise<Set<string>> {
  await connection.run(`create temp table if not exists ${LEAVING} ${COLUMNS}`);
  const parts = [`select * from ${LEAVING}`];
  const loads = arrivedLoads.filter(Number.isSafeInteger);
  if (loads.length) {
    const tables = await connection.runAndReadAll(`select distinct table_name from loads where load_id in (${loads.join(', ')})`);
    for (const [table] of tables.getRows() as [string][]) {
      parts.push(
        isKeyedTable(table)
          ? `select '${table}', ${KEYED_TABLES[table]} from ${table} where load_id in (${loads.join(', ')})`
          : `select '${table.replace(/'/g, "''")}', null, null, null, null`
      );
    }
  }
  // one CREATE TABLE AS, not a table then INSERTs: in DuckDB 1.5.6 an INSERT of a row group or more
  // (122,880 rows) into a temp table created in the same transaction could read back empty, and a
  // first load of that size then refreshed nothing (test/unit/refresh-large-load.test.ts)
  await connection.run(`create or replace temp table refresh_rows as ${parts.join(' union all ')}`);
  const changed = await connection.runAndReadAll('select distinct source_table from refresh_rows');
  return new Set((changed.getRows() as [string][]).map(([table]) => table));
}
