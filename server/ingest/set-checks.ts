// Checks over whole sets, run after this call's rows are in the canonical tables (inside the
// call's transaction): malformed CSV lines, duplicate ids (in a file, across the call's files and
// against rows already loaded) and payments/adjustments/activities pointing at unknown invoices.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import type { PreparedFile } from './prepare.ts';
import type { Target } from './targets.ts';
import type { CanonicalTable, Rejection } from './types.ts';

export interface LoadRecord {
  loadId: number;
  prepared: PreparedFile;
  target: Target;
  rows: number;
}

export interface Found {
  rejections: Rejection[];
  total: number;
}

const ID_COLUMN: Partial<Record<CanonicalTable, string>> = {
  customers: 'customer_id',
  invoices: 'invoice_id',
  payments: 'payment_id',
  adjustments: 'adjustment_id',
  activities: 'activity_id'
};

function columnOf(record: LoadRecord, field: string | null): string | null {
  if (!field) return null;
  const index = record.prepared.fields[field];
  return index === undefined ? field : record.prepared.source.headers[index]!;
}

/** What is wrong with a line the reader set aside, in words that apply to it. */
function malformedReason({ error_type: type, error_message: message }: { error_type: string; error_message: string }): string {
  if (type === 'UNQUOTED VALUE' || /unterminated quote/i.test(message)) {
    // an open quote swallows what follows it, so no hint about the numbering of later rows applies
    return 'cannot read this line as CSV: a value opens a quote (") that is never closed, or a quote inside a value is not doubled ("")';
  }
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (counts) {
    return `cannot read this line as CSV: the header has ${counts[1]} fields, this line has ${counts[2]} (rows after it may be numbered one lower)`;
  }
  return `cannot read this line as CSV: ${message}`;
}

/** Lines the CSV reader could not split into the header's columns (store_rejects table). */
export async function malformedLines(
  connection: DuckDBConnection,
  prepared: PreparedFile,
  rejectsTable: string,
  limit: number
): Promise<Found> {
  const rows = await queryRows<{ line: string; error_type: string; error_message: string; total: string }>(
    connection,
    `select line, error_type::varchar as error_type, error_message, count(*) over () as total
     from ${rejectsTable} order by line limit ${limit}`
  );
  return {
    rejections: rows.map((r) => ({ file: prepared.file.name, row: Number(r.line), column: null, reason: malformedReason(r) })),
    total: rows.length ? Number(rows[0]!.total) : 0
  };
}

/**
 * Duplicate ids among the call's rows and the rows already loaded. A cheap pass first (no repeated
 * hash, and no overlap with older loads); the detailed query only runs when that fails.
 */
export async function duplicateIds(
  connection: DuckDBConnection,
  table: CanonicalTable,
  records: LoadRecord[],
  limit: number
): Promise<Found> {
  const column = ID_COLUMN[table];
  const mine = records.filter((r) => r.target.table === table && !r.target.derivedId);
  if (!column || !mine.length) return { rejections: [], total: 0 };
  const ids = mine.map((r) => r.loadId).join(', ');
  const older = `(load_id not in (${ids}) or load_id is null)`;
  // Exports are often sorted by id: ids that only increase in file order are distinct, and seeing
  // that is one streaming pass. Otherwise sort the 64-bit hashes and compare neighbours (cheaper
  // than count(distinct) or a group by over 10 M ids); a collision only leads to the exact query.
  const [ordered] = await queryRows<{ unordered: string; older: string }>(
    connection,
    `select count_if(not (id > previous)) as unordered, (select count(*) from ${table} where ${older}) as older
     from (select ${column} as id, lag(${column}) over () as previous from ${table} where load_id in (${ids}))`
  );
  let clean = ordered!.unordered === '0';
  if (!clean) {
    const [hashed] = await queryRows<{ repeats: string }>(
      connection,
      `select count_if(h = previous) as repeats
       from (select h, lag(h) over (order by h) as previous
             from (select hash(${column}) as h from ${table} where load_id in (${ids})))`
    );
    clean = hashed!.repeats === '0';
  }
  if (clean && ordered!.older !== '0') {
    const [overlap] = await queryRows<{ n: string }>(
      connection,
      `select count(*) as n from ${table} where ${older}
         and ${column} in (select ${column} from ${table} where load_id in (${ids}))`
    );
    clean = overlap!.n === '0';
  }
  if (clean) return { rejections: [], total: 0 };
  const rows = await queryRows<Record<string, string>>(
    connection,
    `with mine as (select ${column} as id from ${table} where load_id in (${ids})),
     duplicated as (
       select t.${column} as id from ${table} t where t.${column} in (select id from mine)
       group by t.${column} having count(*) > 1),
     occurrences as (
       select ${column} as id, load_id, source_row,
         row_number() over w as k, first_value(load_id) over w as first_load,
         first_value(source_file) over w as first_file, first_value(source_row) over w as first_row
       from ${table} where ${column} in (select id from duplicated)
       window w as (partition by ${column} order by load_id nulls first, source_row))
     select *, count(*) over () as total from occurrences
     where k > 1 and load_id in (${ids}) order by load_id, source_row limit ${limit}`
  );
  const byLoad = new Map(mine.map((r) => [r.loadId, r]));
  return {
    rejections: rows.map((r) => {
      const record = byLoad.get(Number(r.load_id))!;
      const firstInCall = byLoad.has(Number(r.first_load));
      const where = `${r.first_file} row ${r.first_row}`;
      const reason = firstInCall
        ? `${column} ${JSON.stringify(r.id)} appears more than once (first at ${where})`
        : r.first_load === null
          ? `${column} ${JSON.stringify(r.id)} is already used by an entry made in the app`
          : `${column} ${JSON.stringify(r.id)} is already loaded (${where}, load ${r.first_load}); ` +
            `--replace replaces the rows of a file with the same name`;
      return { file: record.prepared.file.name, row: Number(r.source_row), column: columnOf(record, record.target.idField), reason };
    }),
    total: rows.length ? Number(rows[0]!.total) : 0
  };
}

/** The tables whose rows name an invoice that must be known. */
const REFERRING_TABLES = ['payments', 'adjustments', 'activities'] as const;

/**
 * Rows of this call that name an invoice neither loaded before nor in this call. One query for every
 * table that names invoices: each lookup reads the invoices' id column whole (10 M ids at 10 M
 * invoices), so the payments, adjustments and activities of a week are checked in one read of it.
 */
export async function unknownInvoices(connection: DuckDBConnection, records: LoadRecord[], limit: number): Promise<Found> {
  const mine = records.filter((r) => (REFERRING_TABLES as readonly string[]).includes(r.target.table) && !r.target.derivedId);
  if (!mine.length) return { rejections: [], total: 0 };
  const references = REFERRING_TABLES.flatMap((table) => {
    const ids = mine.filter((r) => r.target.table === table).map((r) => r.loadId);
    if (!ids.length) return [];
    // an activity (a promise) may name several invoices separated by ';': each must be known
    const invoice = table === 'activities' ? "trim(unnest(string_split(invoice_id, ';')))" : 'invoice_id';
    return [
      `select load_id, source_row, ${invoice} as invoice_id from ${table} where load_id in (${ids.join(', ')}) and invoice_id is not null`
    ];
  });
  // the first ones in the order the files came (load ids follow it), as the rejection list keeps them
  const fileOrder = `case load_id ${mine.map((r, i) => `when ${r.loadId} then ${i}`).join(' ')} end`;
  const rows = await queryRows<Record<string, string>>(
    connection,
    `select load_id, source_row, invoice_id, count(*) over () as total
     from (${references.join(' union all ')}) x
     where not exists (select 1 from invoices i where i.invoice_id = x.invoice_id)
     order by ${fileOrder}, source_row limit ${limit}`
  );
  const byLoad = new Map(mine.map((r) => [r.loadId, r]));
  return {
    rejections: rows.map((r) => {
      const record = byLoad.get(Number(r.load_id))!;
      return {
        file: record.prepared.file.name,
        row: Number(r.source_row),
        column: columnOf(record, 'invoice_id'),
        reason: `invoice_id ${JSON.stringify(r.invoice_id)} is not a known invoice (neither loaded before nor in this upload)`
      };
    }),
    total: rows.length ? Number(rows[0]!.total) : 0
  };
}
