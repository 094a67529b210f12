// Checks over the rates of a call, once its rows are in fx_rates (inside the call's transaction):
// one rate per currency and day (in the call and against rates already loaded), and one base
// across the whole table (metrics.md "Currencies": every rate quotes the same base).
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import type { Found, LoadRecord } from './set-checks.ts';
import type { Rejection } from './types.ts';

const none: Found = { rejections: [], total: 0 };

/** The header a rejection names: a wide file's currency column, else the mapped column. */
function columnOf(record: LoadRecord, field: string, currency: string): string {
  if (record.prepared.wide) return currency;
  const index = record.prepared.fields[field];
  return index === undefined ? field : record.prepared.source.headers[index]!;
}

function mine(records: LoadRecord[]): { ids: string; byLoad: Map<number, LoadRecord> } | null {
  const own = records.filter((r) => r.target.table === 'fx_rates');
  if (!own.length) return null;
  return { ids: own.map((r) => r.loadId).join(', '), byLoad: new Map(own.map((r) => [r.loadId, r])) };
}

/** A second rate for the same currency and day: every occurrence after the first is rejected. */
export async function duplicateRates(connection: DuckDBConnection, records: LoadRecord[], limit: number): Promise<Found> {
  const call = mine(records);
  if (!call) return none;
  const rows = await queryRows<Record<string, string>>(
    connection,
    `with keys as (select distinct currency, rate_date from fx_rates where load_id in (${call.ids})),
     occurrences as (
       select f.currency, f.rate_date, f.load_id, f.source_row,
         row_number() over w as k, first_value(f.load_id) over w as first_load,
         first_value(f.source_file) over w as first_file, first_value(f.source_row) over w as first_row
       from fx_rates f join keys using (currency, rate_date)
       window w as (partition by f.currency, f.rate_date order by f.load_id, f.source_row))
     select *, count(*) over () as total from occurrences
     where k > 1 and load_id in (${call.ids}) order by load_id, source_row, currency limit ${limit}`
  );
  return {
    rejections: rows.map((r): Rejection => {
      const record = call.byLoad.get(Number(r.load_id))!;
      const where = `${r.first_file} row ${r.first_row}`;
      const reason = call.byLoad.has(Number(r.first_load))
        ? `a second rate for ${r.currency} on ${r.rate_date} (the first is at ${where}); one rate per currency and day`
        : `${r.currency} already has a rate on ${r.rate_date} (${where}, load ${r.first_load}); ` +
          `--replace replaces the rows of a file with the same name`;
      return { file: record.prepared.file.name, row: Number(r.source_row), column: columnOf(record, 'currency', r.currency!), reason };
    }),
    total: rows.length ? Number(rows[0]!.total) : 0
  };
}

/**
 * Rates whose base differs from the table's: the base of the rates loaded before, else the base of
 * the call's first row. One rejection per file (its first such row, and how many there are): a
 * whole file quoted against another currency is one problem, not one per row.
 */
export async function mixedBases(connection: DuckDBConnection, records: LoadRecord[]): Promise<Found> {
  const call = mine(records);
  if (!call) return none;
  const rows = await queryRows<Record<string, string>>(
    connection,
    `with reference as (
       select base, source_file, source_row, load_id not in (${call.ids}) as older from fx_rates
       order by load_id not in (${call.ids}) desc, load_id, source_row limit 1)
     select f.load_id, min(f.source_row) as first_row, count(*) as n, any_value(f.base) as base,
       r.base as reference_base, r.source_file as reference_file, r.source_row as reference_row, r.older
     from fx_rates f, reference r
     where f.load_id in (${call.ids}) and f.base <> r.base
     group by f.load_id, r.base, r.source_file, r.source_row, r.older order by f.load_id`
  );
  const rejections = rows.map((r): Rejection => {
    const record = call.byLoad.get(Number(r.load_id))!;
    const { wide, fields } = record.prepared;
    const hasBase = !wide && 'base' in fields;
    const whose = String(r.older) === 'true' ? 'the rates already loaded' : 'the rates before it in this upload';
    const why = wide
      ? ' (a file of the ECB quotes against EUR)'
      : hasBase
        ? ''
        : ' (the file has no base column: its base is the home currency, RADAR_CURRENCY)';
    return {
      file: record.prepared.file.name,
      row: Number(r.first_row),
      column: hasBase ? columnOf(record, 'base', '') : null,
      reason:
        `${Number(r.n) === 1 ? 'this rate is' : `these ${r.n} rates are`} quoted against ${r.base}${why}, but ${whose} against ${r.reference_base} ` +
        `(${r.reference_file} row ${r.reference_row}); every rate must quote one base`
    };
  });
  return { rejections, total: rejections.length };
}
