// Per-column decisions that need the column's values: which date format (ISO, M/D/YYYY, D/M/YYYY,
// YYYYMMDD) and which decimal separator. A sample of the first rows decides most columns; a column
// the sample cannot decide (slash dates whose day and month are all ≤ 12) is counted over the whole file.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type Row } from '../db.ts';
import { sourceColumn } from './names.ts';
import { sourceSql, type Source } from './source-sql.ts';
import type { AmountStyle, DateColumnFormat, DateSeparator } from './value-sql.ts';
import type { DateFormat } from './types.ts';

const SAMPLE_ROWS = 20_000;
const DMY_LIKE = String.raw`^[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}`;

export type DateDecision = DateColumnFormat | { format: 'ambiguous'; example: string; separator: DateSeparator } | null;

interface DateStats {
  n: number;
  iso: number;
  num: number;
  dmy: number;
  sep: string | null;
  first: number;
  second: number;
  example: string | null;
}

function dateStatsSql(i: number, full: boolean): string {
  const t = `ingest_text(${sourceColumn(i)})`;
  // Over the whole file only the two counts are needed; the cheap split_part keeps that pass fast.
  if (full) {
    return `count_if(try_cast(split_part(${t}, $2, 1) as integer) > 12) as first_${i},
      count_if(try_cast(split_part(${t}, $2, 2) as integer) > 12) as second_${i},
      min(${t}) filter (where regexp_matches(${t}, '${DMY_LIKE}')) as example_${i}`;
  }
  return `count(${t}) as n_${i},
    count_if(regexp_matches(${t}, '^[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}')) as iso_${i},
    count_if(regexp_full_match(${t}, '[0-9]{8}(\\.0*)?')) as num_${i},
    count_if(regexp_matches(${t}, '${DMY_LIKE}')) as dmy_${i},
    mode(regexp_extract(${t}, '^[0-9]{1,2}([/.-])', 1)) filter (where regexp_matches(${t}, '${DMY_LIKE}')) as sep_${i},
    count_if(try_cast(regexp_extract(${t}, '^([0-9]{1,2})[/.-]', 1) as integer) > 12) as first_${i},
    count_if(try_cast(regexp_extract(${t}, '^[0-9]{1,2}[/.-]([0-9]{1,2})', 1) as integer) > 12) as second_${i},
    min(${t}) filter (where regexp_matches(${t}, '${DMY_LIKE}')) as example_${i}`;
}

function amountStatsSql(i: number): string {
  const digits = `regexp_replace(ingest_text(${sourceColumn(i)}), '[^0-9.,]', '', 'g')`;
  return `count_if(regexp_matches(${digits}, ',[0-9]{1,2}$') or regexp_matches(${digits}, '\\.[0-9]{3},')) as eu_${i},
    count_if(regexp_matches(${digits}, '\\.[0-9]{1,2}$') or regexp_matches(${digits}, ',[0-9]{3}\\.')) as us_${i}`;
}

function decideDate(s: DateStats): DateDecision {
  if (!s.n) return null;
  const best = Math.max(s.iso, s.num, s.dmy);
  if (best === 0) return { format: 'ISO' }; // nothing recognisable: every value will be reported
  if (s.iso === best) return { format: 'ISO' };
  if (s.num === best) return { format: 'YMD_NUMBER' };
  const separator = (s.sep || '/') as DateSeparator;
  // A first part above 12 can only be a day (D/M); a second part above 12 only a day (M/D). With
  // both present the majority wins and the other rows fail to parse, each reported with its value.
  if (s.first === 0 && s.second === 0) return { format: 'ambiguous', example: s.example ?? '', separator };
  return { format: s.first > s.second ? 'DMY' : 'MDY', separator };
}

const asNumber = (v: unknown): number => Number(v ?? 0);

/**
 * Each column's decision from one row of statistics over the first SAMPLE_ROWS rows of the file
 * (`stats`: the select items of a column); no query when there is no column.
 */
async function decideFromSample<T>(
  connection: DuckDBConnection,
  source: Source,
  columns: number[],
  stats: (column: number) => string,
  decide: (sample: Row, column: number) => T
): Promise<Map<number, T>> {
  if (!columns.length) return new Map();
  const [sample] = await queryRows(
    connection,
    `select ${columns.map(stats).join(', ')} from (select * from ${sourceSql(source, { ignore: true, sample: true })} limit ${SAMPLE_ROWS})`,
    [source.path]
  );
  return new Map(columns.map((i): [number, T] => [i, decide(sample!, i)]));
}

/** Date format of each listed column (by source index); null when the column holds no value. */
export async function decideDateFormats(
  connection: DuckDBConnection,
  source: Source,
  columns: number[]
): Promise<Map<number, DateDecision>> {
  const decisions = await decideFromSample(
    connection,
    source,
    columns,
    (i) => dateStatsSql(i, false),
    (sample, i) =>
      decideDate({
        n: asNumber(sample[`n_${i}`]),
        iso: asNumber(sample[`iso_${i}`]),
        num: asNumber(sample[`num_${i}`]),
        dmy: asNumber(sample[`dmy_${i}`]),
        sep: (sample[`sep_${i}`] as string | null) ?? null,
        first: asNumber(sample[`first_${i}`]),
        second: asNumber(sample[`second_${i}`]),
        example: (sample[`example_${i}`] as string | null) ?? null
      })
  );
  const from = sourceSql(source, { ignore: true });
  // The sample could not decide: count over the whole file, one pass per separator in use.
  for (const [i, decision] of decisions) {
    if (decision?.format !== 'ambiguous') continue;
    const [full] = await queryRows(connection, `select ${dateStatsSql(i, true)} from ${from}`, [source.path, decision.separator]);
    const first = asNumber(full![`first_${i}`]);
    const second = asNumber(full![`second_${i}`]);
    if (first || second) decisions.set(i, { format: first > second ? 'DMY' : 'MDY', separator: decision.separator });
  }
  return decisions;
}

/**
 * Decimal style of each amount column: 1.234,56 only when the sample shows a comma before the
 * cents (or a dot before thousands) and never the opposite; otherwise 1,234.56.
 */
export function decideAmountStyles(connection: DuckDBConnection, source: Source, columns: number[]): Promise<Map<number, AmountStyle>> {
  return decideFromSample(connection, source, columns, amountStatsSql, (sample, i) =>
    asNumber(sample[`eu_${i}`]) > asNumber(sample[`us_${i}`]) ? 'comma' : 'dot'
  );
}

/**
 * Resolve ambiguous columns: the caller's format (MDY/DMY only for slash-date columns), else a decided
 * slash-date column of the same file.
 */
export function resolveAmbiguous(
  decisions: Map<number, DateDecision>,
  override?: DateFormat
): Map<number, DateColumnFormat | { format: 'ambiguous'; example: string }> {
  const resolved = new Map<number, DateColumnFormat | { format: 'ambiguous'; example: string }>();
  const decided = [...decisions.values()].find((d) => d?.format === 'MDY' || d?.format === 'DMY') as DateColumnFormat | undefined;
  for (const [i, d] of decisions) {
    const slashOverride = override === 'MDY' || override === 'DMY';
    // MDY/DMY settle the order of day and month; a column written YYYY-MM-DD or YYYYMMDD keeps its format.
    if (override && !(slashOverride && (d?.format === 'ISO' || d?.format === 'YMD_NUMBER'))) {
      resolved.set(i, { format: override, separator: d && 'separator' in d ? d.separator : '/' });
    } else if (d === null) resolved.set(i, { format: 'ISO' });
    else if (d.format !== 'ambiguous') resolved.set(i, d);
    else if (decided) resolved.set(i, { format: decided.format, separator: d.separator });
    else resolved.set(i, d);
  }
  return resolved;
}

/**
 * Decimal style of each rate column: a decimal comma (1,0947) only when the sample has commas and no
 * value with a point; otherwise a point. Rates carry no thousands separators.
 */
export function decideRateStyles(connection: DuckDBConnection, source: Source, columns: number[]): Promise<Map<number, AmountStyle>> {
  return decideFromSample(
    connection,
    source,
    columns,
    (i) => `count_if(contains(${sourceColumn(i)}, ',')) as comma_${i}, count_if(contains(${sourceColumn(i)}, '.')) as dot_${i}`,
    (sample, i) => (asNumber(sample[`comma_${i}`]) > 0 && asNumber(sample[`dot_${i}`]) === 0 ? 'comma' : 'dot')
  );
}
