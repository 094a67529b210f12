// How many bytes a result chunk holds, read from DuckDB's own vectors before any value becomes a
// JS object: a row of `list(range) from range(100000000)` is one chunk of 800 MB that would exhaust
// the JS heap if converted (issue 14 #1), so the byte limit is checked on this estimate first.
import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';

/**
 * Bytes of a string_t (16) plus its characters, for VARCHAR and BLOB vectors. A NULL's header is
 * not written by DuckDB, so its length is whatever the memory held: only valid entries count.
 */
function stringBytes(view: DataView, count: number, valid: (index: number) => boolean): number {
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += 16 + (valid(i) ? view.getUint32(i * 16, true) : 0);
  return bytes;
}

/**
 * Walks the vector as node-api lays it out: lists and maps hold a flat child vector, structs their
 * entry vectors, arrays a child of fixed length, strings 16-byte headers with their lengths inline.
 * Private fields are read by name because node-api exposes no size; any other vector counts 16
 * bytes a value (the widest fixed-size type).
 */
export function vectorBytes(vector: DuckDBVector): number {
  const inner = vector as unknown as {
    itemCount: number;
    childVector?: DuckDBVector;
    childData?: DuckDBVector;
    entryVectors?: readonly DuckDBVector[];
    listVector?: DuckDBVector;
    dataView?: DataView;
    validity?: { itemValid(index: number): boolean };
  };
  const count = inner.itemCount;
  if (inner.listVector) return vectorBytes(inner.listVector);
  const child = inner.childVector ?? inner.childData;
  if (child) return count * 16 + vectorBytes(child);
  if (inner.entryVectors) return inner.entryVectors.reduce((sum, entry) => sum + vectorBytes(entry), 0);
  const typeName = vector.type.constructor.name;
  if (inner.dataView && (typeName === 'DuckDBVarCharType' || typeName === 'DuckDBBlobType')) {
    const validity = inner.validity;
    return stringBytes(inner.dataView, count, validity ? (index) => validity.itemValid(index) : () => true);
  }
  return count * 16;
}

export function chunkBytes(chunk: DuckDBDataChunk): number {
  let bytes = 0;
  for (let column = 0; column < chunk.columnCount; column++) bytes += vectorBytes(chunk.getColumnVector(column));
  return bytes;
}
