// A header line wider than any ledger's: counted in full before DuckDB reads the file. The sniffer
// sees the first 256 kB, so a 100,000-column header was cut there and DuckDB then spent 18 s on
// the file before refusing it with a wrong count (issue 14 #10).
import { createReadStream } from 'node:fs';
import type { Sniffed } from './sniff.ts';

/** More columns than this is not a ledger file. */
export const MAX_COLUMNS = 1000;
/** A header line is read at most this far. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

/** Fields of the first record (quotes respected), read up to its end or MAX_HEADER_BYTES. */
export async function headerFieldCount(path: string, delimiter: string): Promise<{ fields: number; complete: boolean }> {
  const delim = delimiter.charCodeAt(0);
  let fields = 1;
  let quoted = false;
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024, end: MAX_HEADER_BYTES - 1 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x22) quoted = !quoted;
      else if (!quoted && byte === delim) fields++;
      else if (!quoted && (byte === 0x0a || byte === 0x0d)) return { fields, complete: true };
    }
    read += chunk.length;
  }
  return { fields, complete: read < MAX_HEADER_BYTES };
}

export async function wideHeaderProblem(path: string, sniffed: Extract<Sniffed, { format: 'csv' }>): Promise<string | null> {
  if (sniffed.headers.length <= MAX_COLUMNS) return null;
  const { fields, complete } = await headerFieldCount(path, sniffed.delimiter);
  if (fields <= MAX_COLUMNS) return null;
  return `the header has ${fields}${complete ? '' : ' or more'} columns; a ledger file has at most ${MAX_COLUMNS}`;
}
