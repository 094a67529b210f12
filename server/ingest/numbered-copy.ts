// A copy of a CSV file with each record's row number written in front of it, so DuckDB reads the
// number as a column and keeps its reader parallel. Numbering in SQL (`row_number() over ()` on the
// reader, or a staged table's rowid) runs the insert after it on one thread or writes the file
// twice (docs/benchmarks.md, "Ingest's row numbers").
//
// The copy is made only for a file every reader splits into the same records: strict RFC 4180 (a
// quote only opens a field and closes it before a delimiter or a line end; a quote inside is
// doubled), one kind of line end, no carriage return but in a CRLF, no blank line before the header.
// Anything else gets no copy and is loaded as before, where the reader's own checks word the problem.
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const CHUNK = 1 << 20;

export type Layout =
  /** every reader splits it into the same records: it can be numbered here */
  | 'regular'
  /** CRLF and bare LF line ends both occur (the caller reads an LF copy instead) */
  | 'mixed'
  /** not strict RFC 4180, a stray carriage return, or a blank line before the header */
  | 'irregular';

export type NumberedCopy = { kind: 'numbered'; path: string; dir: string; records: number } | { kind: 'mixed' | 'irregular' };

/** One file of the numbered copy; only the first has the header line. */
export interface NumberedPart {
  path: string;
  index: number;
  header: boolean;
}

/** Whether the file can be numbered here: the same scan, nothing written. */
export async function csvLayout(path: string, delimiter: string): Promise<Layout> {
  const result = await scan(path, delimiter.charCodeAt(0), '', null);
  return typeof result === 'number' ? 'regular' : result;
}

/**
 * Writes the numbered copy into `dir` as parts of about `partBytes` each (cut between records),
 * handing each finished part to `onPart` while the next is written. Returns the data records'
 * count, or why there is no copy. The ingest reads one whole copy (numberedCopy); parts were
 * measured slower (docs/benchmarks.md) and stay for the chunk-boundary tests.
 */
export async function numberedParts(
  path: string,
  delimiter: string,
  dir: string,
  partBytes: number,
  onPart: (part: NumberedPart) => void,
  column = '__row'
): Promise<number | 'mixed' | 'irregular'> {
  const parts = new PartWriter(join(dir, basename(path)), partBytes, onPart);
  try {
    return await scan(path, delimiter.charCodeAt(0), column, parts);
  } finally {
    await parts.close();
  }
}

/**
 * The numbered copy as one file in a temp folder of its own (the caller removes `dir`). Blank lines
 * are copied unnumbered: DuckDB's reader skips them. The copy's header names the new first column
 * `column`.
 */
export async function numberedCopy(path: string, delimiter: string, column = '__row'): Promise<NumberedCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'radar-rows-'));
  let copy = '';
  let kept = false;
  try {
    const result = await numberedParts(path, delimiter, dir, Infinity, (part) => (copy = part.path), column);
    if (typeof result !== 'number') return { kind: result };
    kept = true;
    return { kind: 'numbered', path: copy, dir, records: result };
  } finally {
    if (!kept) await rm(dir, { recursive: true, force: true });
  }
}

/** Part files named `<file>.<index>`, each closed and handed on once past `partBytes` at a record boundary. */
class PartWriter {
  private handle: FileHandle | null = null;
  private index = 0;
  private written = 0;
  constructor(
    private readonly base: string,
    private readonly partBytes: number,
    private readonly onPart: (part: NumberedPart) => void
  ) {}

  async write(bytes: Buffer, length: number): Promise<void> {
    if (length === 0) return;
    this.handle ??= await open(`${this.base}.${this.index}`, 'w');
    await this.handle.write(bytes, 0, length);
    this.written += length;
  }

  /** Called between records: the part ends here if it is big enough. */
  async boundary(): Promise<void> {
    if (this.written >= this.partBytes) await this.close();
  }

  async close(): Promise<void> {
    if (!this.handle) return;
    await this.handle.close();
    this.handle = null;
    this.onPart({ path: `${this.base}.${this.index}`, index: this.index, header: this.index === 0 });
    this.index++;
    this.written = 0;
  }
}

// At most this many output bytes per input byte: a record of three bytes ("a,\n") gains a number
// of up to 15 digits and a delimiter.
const GROWTH = 7;

/**
 * The data records' count, or why the file cannot be numbered here. Lines are found with indexOf
 * (memchr speed); a line with a quote in it is walked byte by byte, on into the next lines while a
 * quoted field holds a line break. Field counts are left to DuckDB's reader: the number adds one
 * field to every record, and a record of the wrong width stops the read, which then falls back to
 * the file itself. With no `parts` only the checks run. Buffers are reused: fresh memory costs a
 * page fault per 4 kB, more than the scan.
 */
async function scan(path: string, delimiter: number, column: string, parts: PartWriter | null): Promise<number | 'mixed' | 'irregular'> {
  const input = await open(path, 'r');
  let inBuffer = Buffer.allocUnsafe(CHUNK);
  let out = Buffer.allocUnsafe(parts ? CHUNK * GROWTH : 0);
  let row = 1; // the next record's number: the header is row 1
  // the next data record's number in ASCII, right-aligned in `digits`, `width` digits of it
  const digits = Buffer.alloc(20, 48);
  digits[19] = 50;
  let width = 1;
  let crlf = false;
  let lf = false;
  let carry = 0; // bytes at the start of inBuffer: a record that ran past the last chunk, not yet copied
  let first = true;
  try {
    for (;;) {
      if (inBuffer.length - carry < CHUNK / 2) {
        // one record longer than half a chunk (a long quoted text): room for more of it
        const bigger = Buffer.allocUnsafe(inBuffer.length * 2);
        inBuffer.copy(bigger, 0, 0, carry);
        inBuffer = bigger;
      }
      const { bytesRead } = await input.read(inBuffer, carry, inBuffer.length - carry, null);
      const eof = bytesRead === 0;
      const length = carry + bytesRead;
      const chunk = inBuffer.subarray(0, length);
      if (parts && out.length < length * GROWTH) out = Buffer.allocUnsafe(length * GROWTH);
      let written = 0;
      const put = (from: number, to: number) => {
        if (!parts) return;
        // a record is a few dozen bytes: a loop is cheaper than a subarray per record
        if (to - from > 64) {
          chunk.copy(out, written, from, to);
          written += to - from;
        } else for (let k = from; k < to; k++) out[written++] = chunk[k]!;
      };
      const number = () => {
        if (parts) {
          if (row === 1) written += out.write(column + String.fromCharCode(delimiter), written, 'latin1');
          else {
            for (let k = digits.length - width; k < digits.length; k++) out[written++] = digits[k]!;
            out[written++] = delimiter;
          }
        }
        if (row > 1) {
          // the next number, counted up in its decimal digits
          let k = digits.length - 1;
          while (digits[k] === 57) digits[k--] = 48;
          digits[k]!++;
          if (k < digits.length - width) width++;
        }
        row++;
      };
      let at = 0;
      if (first) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) at = 3; // a byte order mark stays first
      }
      // a CR anywhere but right before an LF is a line end DuckDB would split differently, or refuse
      for (let cr = chunk.indexOf(CR, at); cr >= 0; cr = chunk.indexOf(CR, cr + 1)) {
        if (cr + 1 < length ? chunk[cr + 1] !== LF : eof) return 'irregular';
      }
      let quote = chunk.indexOf(QUOTE, at);
      if (quote < 0) quote = length;
      let complete = 0; // the chunk's bytes before it are in `out`
      while (at < length) {
        let end = chunk.indexOf(LF, at);
        if (quote < (end < 0 ? length : end)) {
          end = quotedRecordEnd(chunk, at, delimiter);
          if (end === IRREGULAR || (end === OPEN_QUOTE && eof)) return 'irregular';
          if (end === OPEN_QUOTE) end = -1;
          quote = end < 0 ? length : chunk.indexOf(QUOTE, end);
          if (quote < 0) quote = length;
        }
        if (end < 0) {
          if (!eof) break; // the rest is the start of a record: it waits for the next chunk
          end = length; // the last record, without a line end
        }
        const withCr = end > at && chunk[end - 1] === CR;
        if (end < length) {
          if (withCr) crlf = true;
          else lf = true;
          if (crlf && lf) return 'mixed';
        }
        if (end === at || (withCr && end === at + 1)) {
          if (row === 1) return 'irregular'; // a blank line before the header
        } else {
          put(complete, at);
          number();
          complete = at;
        }
        at = end + 1;
      }
      at = Math.min(at, length);
      put(complete, at);
      if (parts) {
        await parts.write(out, written);
        await parts.boundary();
      }
      if (eof) break;
      carry = length - at;
      inBuffer.copy(inBuffer, 0, at, length);
    }
  } finally {
    await input.close();
  }
  if (row === 1) return 'irregular';
  return row - 2;
}

const IRREGULAR = -2;
const OPEN_QUOTE = -3;

/**
 * Where the record starting at `at` ends (its LF), walking quotes; -1 when the chunk ends first
 * (outside or inside a quoted field: the caller reads on), IRREGULAR for a quote that does not
 * open or close a field.
 */
function quotedRecordEnd(chunk: Buffer, at: number, delimiter: number): number {
  let fieldStart = true;
  let quoted = false;
  for (let i = at; i < chunk.length; i++) {
    const byte = chunk[i]!;
    if (quoted) {
      if (byte !== QUOTE) continue;
      if (i + 1 >= chunk.length) return -1; // a doubled quote may be cut by the chunk
      if (chunk[i + 1] === QUOTE) {
        i++;
        continue;
      }
      quoted = false;
      const next = chunk[i + 1]!;
      if (next !== delimiter && next !== LF && next !== CR) return IRREGULAR;
      continue;
    }
    if (byte === LF) return i;
    if (byte === QUOTE) {
      if (!fieldStart) return IRREGULAR;
      quoted = true;
      continue;
    }
    fieldStart = byte === delimiter;
  }
  return quoted ? OPEN_QUOTE : -1;
}
