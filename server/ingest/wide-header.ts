// A header line wider than any ledger's, counted in full before the sniffer or DuckDB reads the
// file. The sniffer sees the first 256 kB, so a 100,000-column header was cut there and DuckDB then
// spent 18 s on the file before refusing it with a wrong count (issue 14 #10); the sniffer's own
// pass over such a line takes over a second. This is one byte scan of the first line.
import { createReadStream } from 'node:fs';
import { CSV_DELIMITERS } from './sniff.ts';

/** More columns than this is not a ledger file. */
export const MAX_COLUMNS = 1000;
/** A header line is read at most this far. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

/** Per candidate delimiter, the fields of the first record (quotes respected), read to its end or MAX_HEADER_BYTES. */
export async function headerFieldCounts(path: string): Promise<{ counts: Map<string, number>; complete: boolean }> {
  const codes = CSV_DELIMITERS.map((d) => d.charCodeAt(0));
  const counts = codes.map(() => 1);
  let quoted = false;
  let read = 0;
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, end: MAX_HEADER_BYTES - 1 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (read === 0 && chunk.subarray(0, 4).toString('latin1') === 'PAR1') return { counts: new Map(), complete: true };
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i]!;
        if (byte === 0x22) quoted = !quoted;
        else if (!quoted && (byte === 0x0a || byte === 0x0d)) {
          return { counts: new Map(CSV_DELIMITERS.map((d, k) => [d, counts[k]!])), complete: true };
        } else if (!quoted) {
          const k = codes.indexOf(byte);
          if (k >= 0) counts[k]!++;
        }
      }
      read += chunk.length;
    }
  } finally {
    stream.destroy();
  }
  return { counts: new Map(CSV_DELIMITERS.map((d, k) => [d, counts[k]!])), complete: read < MAX_HEADER_BYTES };
}

export async function wideHeaderProblem(path: string): Promise<string | null> {
  const { counts, complete } = await headerFieldCounts(path);
  const fields = Math.max(0, ...counts.values());
  if (fields <= MAX_COLUMNS) return null;
  return `the header has ${fields}${complete ? '' : ' or more'} columns; a ledger file has at most ${MAX_COLUMNS}`;
}
