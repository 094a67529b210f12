// Files whose lines end partly in CRLF and partly in LF (two exports concatenated, one from
// Windows) stop DuckDB's CSV reader ("the CSV Parser state machine reached an invalid state"). Such a
// file is read through a copy whose line ends are all LF: same records, same row numbers.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

const CR = 13;
const LF = 10;
const CHUNK = 1 << 20;

/**
 * Whether the file has both a CRLF and a bare LF line end. One pass; a chunk without any CR costs
 * one indexOf, so an LF-only file is checked at reading speed.
 */
export async function hasMixedLineEndings(path: string): Promise<boolean> {
  let crlf = false;
  let lf = false;
  let previous = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    if (chunk.indexOf(CR) < 0 && previous !== CR) {
      if (chunk.indexOf(LF) >= 0) lf = true;
    } else {
      for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) {
        const before = at > 0 ? chunk[at - 1] : previous;
        if (before === CR) crlf = true;
        else lf = true;
        if (crlf && lf) break;
      }
    }
    if (crlf && lf) return true;
    previous = chunk[chunk.length - 1] ?? previous;
  }
  return false;
}

/** Drops the CR of every CRLF, across chunk boundaries too. */
function crlfToLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const out = Buffer.allocUnsafe(chunk.length + 1);
      let n = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i]!;
        if (pendingCr && byte !== LF) out[n++] = CR;
        pendingCr = byte === CR;
        if (!pendingCr) out[n++] = byte;
      }
      done(null, out.subarray(0, n));
    },
    flush(done) {
      done(null, pendingCr ? Buffer.from([CR]) : Buffer.alloc(0));
    }
  });
}

/** A copy of the file with LF line ends, in a temp folder of its own (the caller removes it). */
export async function lfCopy(path: string): Promise<{ path: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'radar-lf-'));
  const copy = join(dir, basename(path));
  await pipeline(createReadStream(path, { highWaterMark: CHUNK }), crlfToLf(), createWriteStream(copy));
  return { path: copy, dir };
}
