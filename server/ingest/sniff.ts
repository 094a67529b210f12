// Look at the first bytes of a file: Parquet or CSV, and for CSV the delimiter, the header and the
// encoding. DuckDB then reads the whole file with these settings fixed, so its own sniffer never guesses.
import { open } from 'node:fs/promises';

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof CSV_DELIMITERS)[number];

export type Sniffed =
  | { format: 'parquet' }
  | {
      format: 'csv';
      delimiter: Delimiter;
      encoding: 'utf-8' | 'latin-1';
      headers: string[];
      /** data records seen in the sample, and whether the sample is the whole file */
      sampledRecords: number;
      wholeFile: boolean;
      /** the widest record of the sample: its spreadsheet row and field count */
      widest: { row: number; fields: number };
    };

const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_RECORDS = 50;

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** RFC 4180 records of a text sample (quotes may hold delimiters, newlines and doubled quotes). */
export function splitRecords(text: string, delimiter: string, maxRecords: number): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') records.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  // A last record without a newline counts only when the sample is the whole file (caller decides).
  if (records.length < maxRecords && (field !== '' || fields.length)) records.push([...fields, field]);
  return records;
}

function decode(bytes: Buffer): { text: string; encoding: 'utf-8' | 'latin-1' } {
  // Cut at the last newline so a multi-byte character split by the sample does not look invalid.
  const lastNewline = bytes.lastIndexOf(0x0a);
  const whole = lastNewline > 0 && bytes.length === SAMPLE_BYTES ? bytes.subarray(0, lastNewline + 1) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(whole).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(whole), encoding: 'latin-1' };
  }
}

/**
 * The delimiter that gives the header more than one field and the following records the same
 * number of fields; among those, the one with the most fields.
 */
function pickDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; consistent: number; width: number } = { delimiter: ',', consistent: -1, width: 0 };
  for (const delimiter of CSV_DELIMITERS) {
    const records = splitRecords(text, delimiter, SAMPLE_RECORDS);
    const width = records[0]?.length ?? 0;
    if (width < 2) continue;
    const rest = records.slice(1, -1); // the last record may be cut by the sample
    const consistent = rest.length ? rest.filter((r) => r.length === width).length / rest.length : 1;
    if (consistent > best.consistent || (consistent === best.consistent && width > best.width)) {
      best = { delimiter, consistent, width };
    }
  }
  return best.delimiter;
}

export async function sniffFile(path: string): Promise<Sniffed> {
  const head = await readHead(path);
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return { format: 'parquet' };
  const { text, encoding } = decode(head);
  const delimiter = pickDelimiter(text);
  const records = splitRecords(text, delimiter, Number.MAX_SAFE_INTEGER);
  const headers = (records[0] ?? []).map((h) => h.trim());
  let widest = { row: 1, fields: headers.length };
  records.forEach((record, index) => {
    if (record.length > widest.fields) widest = { row: index + 1, fields: record.length };
  });
  // a line longer than the sample is cut off by it: count its delimiters (at least that many fields)
  const cutLine = head.length === SAMPLE_BYTES ? head.subarray(head.lastIndexOf(0x0a) + 1) : Buffer.alloc(0);
  const cutFields = cutLine.reduce((count, byte) => count + (byte === delimiter.charCodeAt(0) ? 1 : 0), 1);
  if (cutLine.length && cutFields > widest.fields) widest = { row: records.length + 1, fields: cutFields };
  return {
    format: 'csv',
    delimiter,
    encoding,
    headers,
    sampledRecords: Math.max(records.length - 1, 0),
    wholeFile: head.length < SAMPLE_BYTES,
    widest
  };
}
