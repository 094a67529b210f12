// The typed view of a file: one SELECT over the text source that trims every mapped column
// (r_<field>), types it (<field>) and flags rows that break a check (__bad).
import { SHAPE_FIELDS } from './shapes.ts';
import { sourceColumn } from './names.ts';
import { sqlType, valueSql, type AmountStyle, type DateColumnFormat } from './value-sql.ts';
import { anyCheckSql, checkSql, type Check } from './checks.ts';
import type { FieldMap } from './detect.ts';
import type { Shape } from './types.ts';
import { unpivotSql, type WideLayout } from './wide-rates.ts';

export interface ParsedSpec {
  shape: Shape;
  fields: FieldMap;
  dates: Map<string, DateColumnFormat>;
  amounts: Map<string, AmountStyle>;
  checks: Check[];
  /** a wide rates file: read through its unpivot, with `__column` naming each value's header */
  wide?: WideLayout | null;
}

/** `from` is a source subquery (source-sql.ts); the result has __row, r_*, typed fields and __bad. */
export function parsedSql(spec: ParsedSpec, from: string): string {
  const entries = Object.entries(SHAPE_FIELDS[spec.shape]);
  const texts = entries.map(([field]) =>
    field in spec.fields ? `ingest_text(${sourceColumn(spec.fields[field]!)}) as r_${field}` : `null::varchar as r_${field}`
  );
  const typed = entries.map(([field, fieldSpec]) =>
    field in spec.fields
      ? `${valueSql(fieldSpec.kind, `r_${field}`, spec.dates.get(field), spec.amounts.get(field))} as ${field}`
      : `null::${sqlType(fieldSpec.kind)} as ${field}`
  );
  const required = new Set(entries.filter(([f, fieldSpec]) => fieldSpec.required && f in spec.fields).map(([f]) => f));
  const bad = anyCheckSql(spec.checks, required);
  const source = spec.wide ? unpivotSql(spec.wide, from) : from;
  const column = spec.wide ? ', __column' : '';
  return `select *, ${bad} as __bad from (
    select __row${column}, ${entries.map(([field]) => `r_${field}`).join(', ')}, ${typed.join(', ')}
    from (select __row${column}, ${texts.join(', ')} from ${source}))`;
}

/** The rows that break a check, with one boolean per check (k0, k1 ...), first `limit` by row. */
export function badRowsSql(spec: ParsedSpec, from: string, limit: number): string {
  const flags = spec.checks.map((check, i) => `${checkSql(check)} as k${i}`);
  return `with bad as (select * from (${parsedSql(spec, from)}) where __bad)
    select *, ${flags.length ? flags.join(', ') + ',' : ''} (select count(*) from bad) as __total
    from bad order by __row limit ${limit}`;
}
