// How text becomes typed values, in SQL: temp macros created once per connection, and the
// expression each field kind uses. Everything runs set-based inside DuckDB.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ADJUSTMENT_KIND_WORDS, BOOLEAN_WORDS, ENTRY_TYPE_WORDS } from './vocab.ts';
import { sqlString } from './names.ts';
import type { DateFormat } from './types.ts';
import type { ValueKind } from './shapes.ts';
import { config } from '../config.ts';

/** Vocabulary lookup as a CASE over the value with case and punctuation removed. */
function vocabularyCase(words: Record<string, string | boolean>, normalised: string): string {
  const whens = Object.entries(words).map(
    ([word, value]) => `when ${sqlString(word)} then ${typeof value === 'boolean' ? String(value) : sqlString(value)}`
  );
  return `case ${normalised} ${whens.join(' ')} end`;
}

const VALUE_MACROS = String.raw`
-- (trim only when an end is a space: trim() costs several times more than these two checks;
-- tabs and newlines at the ends of a field stay, as the CSV reader already split lines)
create or replace temp macro ingest_text(x) as
  case when x like ' %' or x like '% ' then nullif(trim(x), '') else nullif(x, '') end;
-- ids exported through a float column (pandas, Excel) come as 1930438491.0
create or replace temp macro ingest_id(t) as
  case when t like '%.0%' and regexp_full_match(t, '[0-9]+\.0+') then split_part(t, '.', 1) else t end;
-- ISO dates, also with a time or a zone (2019-03-07T10:00:00Z is the date written, 2019-03-07)
-- (CASE, not coalesce: DuckDB evaluates CASE branches lazily, so the fallback costs nothing on clean data)
-- and a date with the month's name, as the ECB's daily file writes it ("28 November 2026", "3 Jun 2021")
create or replace temp macro ingest_date_iso(t) as
  case when try_cast(t as date) is not null then try_cast(t as date)
       when try_cast(t as timestamp) is not null then try_cast(try_cast(t as timestamp) as date)
       when regexp_full_match(t, '[0-9]{1,2} [A-Za-z]{3,9} [0-9]{4}')
         then coalesce(try_strptime(t, '%d %B %Y'), try_strptime(t, '%d %b %Y'))::date end;
create or replace temp macro ingest_date_pattern(t, fmt) as
  case when try_strptime(t, fmt) is not null then try_strptime(t, fmt)::date
       else try_strptime(split_part(t, ' ', 1), fmt)::date end;
-- 20190307 and 20190307.0 (a date that went through a float column)
create or replace temp macro ingest_date_ymd_number(t) as
  case when length(t) = 8 or (t like '________.%' and rtrim(t[10:], '0') = '')
       then try_strptime(left(t, 8), '%Y%m%d')::date end;
-- amounts: currency symbols/codes and spaces go, (12.50) and 12.50- are negative, and the
-- separators must follow the column's style exactly (1,234.56 or 1.234,56), never a guess per value
-- (a currency code is three capitals before the number or after a space: "12abc" stays unparseable)
create or replace temp macro ingest_amount_clean(t) as
  regexp_replace(regexp_replace(t, '^[A-Z]{3}\s*|\s+[A-Z]{3}$', ''), '[\s$€£¥₹''"]', '', 'g');
create or replace temp macro ingest_amount_unsigned(s) as
  case when s like '(%)' then substring(s, 2, length(s) - 2) when s like '%-' then left(s, length(s) - 1) else s end;
create or replace temp macro ingest_amount_sign(s) as
  case when s like '(%)' or (s like '%-' and s not like '-%') then -1 else 1 end;
create or replace temp macro ingest_amount_dot_body(b) as
  case when regexp_full_match(b, '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?|[+-]?\.[0-9]+')
       then try_cast(replace(b, ',', '') as decimal(18, 2)) end;
create or replace temp macro ingest_amount_comma_body(b) as
  case when regexp_full_match(b, '[+-]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?')
       then try_cast(replace(replace(b, '.', ''), ',', '.') as decimal(18, 2)) end;
create or replace temp macro ingest_amount_dot(t) as
  case when try_cast(t as decimal(18, 2)) is not null then try_cast(t as decimal(18, 2))
       else ingest_amount_dot_body(ingest_amount_unsigned(ingest_amount_clean(t))) * ingest_amount_sign(ingest_amount_clean(t)) end;
create or replace temp macro ingest_amount_comma(t) as
  ingest_amount_comma_body(ingest_amount_unsigned(ingest_amount_clean(t))) * ingest_amount_sign(ingest_amount_clean(t));
-- currency codes: three letters, stored upper case (usd is USD)
create or replace temp macro ingest_currency(t) as
  case when regexp_full_match(t, '[A-Za-z]{3}') then upper(t) end;
-- exchange rates: a plain decimal (1.0947, 161.3, .85); with the column's decimal comma, 1,0947
create or replace temp macro ingest_rate_dot(t) as
  case when regexp_full_match(t, '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)') then try_cast(t as decimal(18, 8)) end;
create or replace temp macro ingest_rate_comma(t) as
  case when regexp_full_match(t, '[+-]?([0-9]+(,[0-9]*)?|,[0-9]+)') then try_cast(replace(t, ',', '.') as decimal(18, 8)) end;
-- "30", "30.0", "Net 30", "30 days"
create or replace temp macro ingest_integer(t) as
  case when try_cast(t as integer) is not null then try_cast(t as integer)
       else try_cast(nullif(regexp_extract(t, '^(?i:net)?\s*([0-9]+)(\.0+)?\s*(?i:days?)?$', 1), '') as integer) end;
`;

const VOCABULARY_MACROS = [
  `create or replace temp macro ingest_boolean(t) as ${vocabularyCase(BOOLEAN_WORDS, 'lower(t)')};`,
  `create or replace temp macro ingest_adjustment_kind(t) as ${vocabularyCase(ADJUSTMENT_KIND_WORDS, "regexp_replace(lower(t), '[^a-z0-9]', '', 'g')")};`,
  `create or replace temp macro ingest_entry_type(t) as ${vocabularyCase(ENTRY_TYPE_WORDS, "regexp_replace(lower(t), '[^a-z0-9]', '', 'g')")};`
].join('\n');

/** Create (or refresh) the value macros on this connection; temp macros live as long as it does. */
export async function createValueMacros(connection: DuckDBConnection): Promise<void> {
  // the home currency is checked to be three letters A-Z before it becomes a literal
  const home = `create or replace temp macro ingest_home_currency() as ${sqlString(config.homeCurrency)};`;
  await connection.run(VALUE_MACROS + VOCABULARY_MACROS + '\n' + home);
}

export type DateSeparator = '/' | '.' | '-';
export interface DateColumnFormat {
  format: DateFormat;
  separator?: DateSeparator;
}
export type AmountStyle = 'dot' | 'comma';

/** The spelling of a date format in messages: M/D/YYYY, D.M.YYYY, YYYY-MM-DD, YYYYMMDD. */
export function dateFormatLabel({ format, separator = '/' }: DateColumnFormat): string {
  if (format === 'ISO') return 'YYYY-MM-DD';
  if (format === 'YMD_NUMBER') return 'YYYYMMDD';
  return format === 'MDY' ? `M${separator}D${separator}YYYY` : `D${separator}M${separator}YYYY`;
}

export function dateSql(text: string, { format, separator = '/' }: DateColumnFormat): string {
  if (format === 'ISO') return `ingest_date_iso(${text})`;
  if (format === 'YMD_NUMBER') return `ingest_date_ymd_number(${text})`;
  const pattern = format === 'MDY' ? `%m${separator}%d${separator}%Y` : `%d${separator}%m${separator}%Y`;
  return `ingest_date_pattern(${text}, ${sqlString(pattern)})`;
}

/** The typed value of a trimmed text column `text` of a given kind. */
export function valueSql(kind: ValueKind, text: string, date?: DateColumnFormat, amount: AmountStyle = 'dot'): string {
  switch (kind) {
    case 'id':
      return `ingest_id(${text})`;
    case 'text':
      return text;
    case 'date':
      return dateSql(text, date ?? { format: 'ISO' });
    case 'amount':
      return amount === 'comma' ? `ingest_amount_comma(${text})` : `ingest_amount_dot(${text})`;
    case 'boolean':
      return `ingest_boolean(${text})`;
    case 'integer':
      return `ingest_integer(${text})`;
    case 'adjustment_kind':
      return `ingest_adjustment_kind(${text})`;
    case 'entry_type':
      return `ingest_entry_type(${text})`;
    case 'currency':
      return `ingest_currency(${text})`;
    case 'rate':
      return amount === 'comma' ? `ingest_rate_comma(${text})` : `ingest_rate_dot(${text})`;
  }
}

/** SQL type of a kind's typed value, for the null a missing optional column becomes. */
export function sqlType(kind: ValueKind): string {
  return {
    id: 'varchar',
    text: 'varchar',
    date: 'date',
    amount: 'decimal(18, 2)',
    boolean: 'boolean',
    integer: 'integer',
    adjustment_kind: 'varchar',
    entry_type: 'varchar',
    currency: 'varchar',
    rate: 'decimal(18, 8)'
  }[kind];
}
