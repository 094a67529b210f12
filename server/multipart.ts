// A streaming multipart/form-data reader: file parts go straight to disk as they arrive, text fields
// are kept (small), and the body is counted while it streams so a body over the limit is refused
// without being read to the end. No dependency: the format is a boundary search (RFC 7578).
import { open, type FileHandle } from 'node:fs/promises';

export class MultipartError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string
  ) {
    super(message);
  }
}

export interface SavedPart {
  field: string;
  fileName: string;
  path: string;
  bytes: number;
}

export interface MultipartOptions {
  /** most bytes the whole body may hold */
  limit: number;
  /** where a file part goes: called once per file part with the name the client gave */
  pathFor(fileName: string, field: string): string;
  maxFieldBytes?: number;
  maxParts?: number;
}

export function boundaryOf(contentType: string): string | null {
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

function headerParam(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\*?=(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return null;
  // browsers do not backslash-escape inside the quotes (they percent-encode `"` and newlines), so a
  // backslash is kept as sent: `..\\evil.csv` must reach the file-name check as it was written
  const raw = match[1] !== undefined ? match[1].replace(/%22/g, '"') : match[2];
  // RFC 5987 filename*=UTF-8''name
  const extended = /^UTF-8''(.*)$/i.exec(raw);
  if (!extended) return raw;
  try {
    return decodeURIComponent(extended[1]);
  } catch {
    throw new MultipartError(400, `body: the part's ${name}* ${JSON.stringify(raw)} is not valid RFC 5987 percent-encoding`);
  }
}

/**
 * Reads `body` once. Resolves with the text fields and the saved files; rejects with a
 * MultipartError (400 malformed, 413 too large) as soon as it knows.
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  options: MultipartOptions
): Promise<{ fields: Record<string, string>; files: SavedPart[] }> {
  const maxField = options.maxFieldBytes ?? 1024 * 1024;
  const maxParts = options.maxParts ?? 100;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  const files: SavedPart[] = [];

  // a CRLF in front lets the first boundary be found like every other one
  let buffer: Buffer = Buffer.from('\r\n');
  let total = 0;
  let state: 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done' = 'preamble';
  let part: { field: string; fileName: string | null; handle: FileHandle | null; text: Buffer[]; bytes: number; path: string } | null =
    null;
  const reader = body.getReader();

  const closePart = async () => {
    if (!part) return;
    if (part.handle) {
      await part.handle.close();
      files.push({ field: part.field, fileName: part.fileName ?? '', path: part.path, bytes: part.bytes });
    } else {
      fields[part.field] = Buffer.concat(part.text).toString('utf8');
    }
    part = null;
  };
  const write = async (data: Buffer) => {
    if (!part || data.length === 0) return;
    part.bytes += data.length;
    if (part.handle) await part.handle.write(data);
    else {
      if (part.bytes > maxField) throw new MultipartError(400, `${part.field}: a text field over ${maxField} bytes`);
      part.text.push(data);
    }
  };

  try {
    while (state !== 'done') {
      const { done, value } = await reader.read();
      if (value) {
        total += value.length;
        if (total > options.limit)
          throw new MultipartError(413, `the upload is larger than the limit of ${options.limit} bytes (RADAR_UPLOAD_LIMIT)`);
        buffer = buffer.length === 0 ? Buffer.from(value) : Buffer.concat([buffer, value]);
      }
      // consume as much of the buffer as the state machine can
      for (;;) {
        if (state === 'preamble' || state === 'body') {
          const at = buffer.indexOf(delimiter);
          if (at === -1) {
            // keep a tail that could be the start of a delimiter split across chunks
            const keep = Math.min(buffer.length, delimiter.length - 1);
            if (state === 'body') await write(buffer.subarray(0, buffer.length - keep));
            buffer = buffer.subarray(buffer.length - keep);
            break;
          }
          if (state === 'body') await write(buffer.subarray(0, at));
          await closePart();
          buffer = buffer.subarray(at + delimiter.length);
          state = 'after-boundary';
        }
        if (state === 'after-boundary') {
          if (buffer.length < 2) break;
          if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
            state = 'done';
            break;
          }
          // transport padding after the boundary, then CRLF
          const eol = buffer.indexOf('\r\n');
          if (eol === -1) {
            if (buffer.length > 1024) throw new MultipartError(400, 'body: a malformed multipart boundary line');
            break;
          }
          buffer = buffer.subarray(eol + 2);
          state = 'headers';
        }
        if (state === 'headers') {
          const end = buffer.indexOf('\r\n\r\n');
          if (end === -1) {
            if (buffer.length > 16 * 1024) throw new MultipartError(400, 'body: multipart part headers over 16 kB');
            break;
          }
          const headers = buffer.subarray(0, end).toString('utf8');
          buffer = buffer.subarray(end + 4);
          if (files.length + Object.keys(fields).length >= maxParts) throw new MultipartError(400, `body: more than ${maxParts} parts`);
          const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
          const field = headerParam(disposition, 'name');
          if (field === null) throw new MultipartError(400, 'body: a multipart part without a name');
          const fileName = headerParam(disposition, 'filename');
          if (fileName !== null) {
            const path = options.pathFor(fileName, field);
            part = { field, fileName, handle: await open(path, 'wx'), text: [], bytes: 0, path };
          } else {
            part = { field, fileName: null, handle: null, text: [], bytes: 0, path: '' };
          }
          state = 'body';
          continue;
        }
        if (state !== 'body') break;
      }
      if (done) break;
    }
    if (state !== 'done') throw new MultipartError(400, 'body: the multipart body ended before its closing boundary');
    return { fields, files };
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    const open = part as { handle: FileHandle | null } | null;
    if (open?.handle) await open.handle.close().catch(() => undefined);
    reader.releaseLock();
  }
}
