// DuckDB result columns → an Arrow IPC stream. node-api has no Arrow export (stack-notes), so each
// column is rebuilt from its JS values with an Arrow type chosen from the DuckDB type:
// integers stay integers (BIGINT as Int64), DECIMAL becomes Float64 with the exact DuckDB type kept
// in the field's metadata, DATE is DateDay, TIMESTAMP is TimestampMillisecond, anything nested or
// unusual (LIST, STRUCT, INTERVAL, HUGEINT, BLOB ...) is sent as its JSON text so nothing is lost.
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector
} from 'apache-arrow';

export interface ResultColumns {
  names: string[];
  types: DuckDBType[];
  /** per column: JS values (bigint, Date, number, string ...) */
  values: unknown[][];
  /** per column: the same values as JSON-safe values (for the text fallback) */
  json: unknown[][];
}

/** The Arrow type of each DuckDB type that has one; any other is sent as its JSON text (Utf8). */
const ARROW_TYPES: [new () => DataType, DuckDBTypeId[]][] = [
  [Bool, [DuckDBTypeId.BOOLEAN]],
  [Int32, [DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT]],
  [Int64, [DuckDBTypeId.BIGINT]],
  [Float64, [DuckDBTypeId.UINTEGER, DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.DECIMAL]],
  [DateDay, [DuckDBTypeId.DATE]],
  [
    TimestampMillisecond,
    [DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS, DuckDBTypeId.TIMESTAMP_TZ]
  ]
];

function arrowType(type: DuckDBType): DataType {
  const Type = ARROW_TYPES.find(([, ids]) => ids.includes(type.typeId))?.[0] ?? Utf8;
  return new Type();
}

function column(type: DataType, values: unknown[], json: unknown[]): Vector {
  if (type instanceof Utf8) {
    const text = json.map((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)));
    return vectorFromArray(text, new Utf8());
  }
  if (type instanceof Int64) {
    // Int64 from a BigInt64Array plus a validity bitmap: vectorFromArray would go through numbers
    const data = new BigInt64Array(values.length);
    const validity = new Uint8Array(Math.ceil(values.length / 8));
    let nulls = 0;
    values.forEach((v, i) => {
      if (v === null || v === undefined) nulls++;
      else {
        data[i] = v as bigint;
        validity[i >> 3] |= 1 << (i & 7);
      }
    });
    return makeVector(makeData({ type, length: values.length, nullCount: nulls, data, nullBitmap: nulls > 0 ? validity : undefined }));
  }
  if (type instanceof DateDay || type instanceof TimestampMillisecond) {
    return vectorFromArray(
      values.map((v) => (v instanceof Date ? v : null)),
      type
    );
  }
  return vectorFromArray(
    values.map((v) => (v === undefined ? null : v)),
    type as Bool | Int32 | Float64
  );
}

/** One record batch; built from a struct so two result columns may share a name (select 1 a, 2 a). */
export function toArrowTable(result: ResultColumns): Table {
  const fields: Field[] = [];
  const children: Data[] = [];
  const length = result.values[0]?.length ?? 0;
  result.names.forEach((name, index) => {
    const type = arrowType(result.types[index]);
    const metadata = new Map([['duckdb_type', result.types[index].toString()]]);
    fields.push(new Field(name, type, true, metadata));
    const vector = column(type, result.values[index], result.json[index]);
    children.push(vector.data.length === 1 ? vector.data[0] : makeVector(vector.toArray()).data[0]);
  });
  const schema = new Schema(fields);
  if (fields.length === 0) return new Table(schema);
  return new Table([new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children }))]);
}

export function toArrowStream(result: ResultColumns): Uint8Array {
  return tableToIPC(toArrowTable(result), 'stream');
}
