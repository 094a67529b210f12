// When DuckDB's CSV reader stops on a file instead of setting a line aside, the file is refused
// with one rejection that says where and why in words that apply: the line from the message, or,
// for the reader's "state machine reached an invalid state" (which names no line), the line of the
// stray carriage return that causes it, found here.
import { createReadStream } from 'node:fs';
import type { Rejection } from './types.ts';

const CR = 13;
const LF = 10;

/** Line (from 1) of the first CR that is not followed by LF, or null. */
export async function strayCarriageReturn(path: string): Promise<number | null> {
  let line = 1;
  let pendingCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (pendingCr && byte !== LF) return line;
      pendingCr = byte === CR;
      if (byte === LF) line++;
    }
  }
  return null;
}

function withoutPrefix(message: string): string {
  return message.replace(/^(Error: )?(Invalid Input Error|Conversion Error|IO Error): /, '').trim();
}

export async function readFailure(file: { name: string }, path: string, error: unknown): Promise<Rejection> {
  const full = error instanceof Error ? error.message : String(error);
  const first = withoutPrefix(full.split('\n')[0]!);
  if (/state machine reached an invalid state/i.test(full)) {
    const line = await strayCarriageReturn(path).catch(() => null);
    if (line !== null) {
      return {
        file: file.name,
        row: line,
        column: null,
        reason:
          'a carriage return (\\r) in the middle of this line: the CSV reader cannot split it; remove it, or save the file again from the spreadsheet'
      };
    }
    return {
      file: file.name,
      row: null,
      column: null,
      reason: `the CSV reader cannot read this file (${first}); save it again as CSV from the spreadsheet`
    };
  }
  const line = /\bline:?\s*(\d+)/i.exec(full);
  return { file: file.name, row: line ? Number(line[1]) : null, column: null, reason: `cannot read the file as CSV: ${first}` };
}
