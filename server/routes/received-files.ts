// The receiving end of an upload, shared by POST /api/uploads and its preview: multipart only, a
// declared Content-Length over RADAR_UPLOAD_LIMIT refused with 413 before a byte is read, a chunked
// body as soon as it passes the limit, file parts streamed into `folder` under their bare names.
import { join } from 'node:path';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { config } from '../config.ts';
import { MultipartError, boundaryOf, readMultipart } from '../multipart.ts';
import { safeFileName } from '../uploads-folder.ts';
import { asStorageRefusal } from '../write-errors.ts';

/** RADAR_UPLOAD_LIMIT in bytes (plain number, or with k/m/g); default 1 GB. */
export function uploadLimitFromEnv(): number {
  return config.uploadLimit;
}

export interface ReceivedUpload {
  /** the text fields, empty ones left out */
  fields: Record<string, string | undefined>;
  /** the files saved in the folder, by the name a person knows them by */
  files: { path: string; name: string }[];
}

export async function receiveUpload(c: Context, folder: string, limit: number, textFields: string[]): Promise<ReceivedUpload> {
  const contentType = c.req.header('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data'))
    throw new HTTPException(400, { message: 'body: send the files as multipart/form-data' });
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    throw new HTTPException(413, { message: `the upload is ${declared} bytes, over the limit of ${limit} bytes (RADAR_UPLOAD_LIMIT)` });
  }
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new HTTPException(400, { message: 'body: multipart/form-data without a boundary' });
  if (!c.req.raw.body) throw new HTTPException(400, { message: 'files: the upload holds no file' });

  const names = new Set<string>();
  const { fields, files } = await readMultipart(c.req.raw.body, boundary, {
    limit,
    pathFor(fileName) {
      // a browser sends the bare name; folders, `..` or control characters mean a crafted request
      if (/[\\/\u0000-\u001f\u007f]/.test(fileName) || /^\.+$/.test(fileName.trim())) {
        throw new MultipartError(
          400,
          `files: the file name ${JSON.stringify(fileName)} holds a folder, \`..\` or a control character; send the bare file name`
        );
      }
      const name = safeFileName(fileName);
      if (names.has(name)) throw new MultipartError(400, `files: ${name} is uploaded twice in one request`);
      names.add(name);
      return join(folder, name);
    }
  }).catch((error: unknown) => {
    if (error instanceof MultipartError) throw new HTTPException(error.status, { message: error.message });
    throw asStorageRefusal(error, 'the uploads folder');
  });
  return {
    fields: Object.fromEntries(textFields.map((key) => [key, fields[key] === '' ? undefined : fields[key]])),
    files: files.filter((file) => !textFields.includes(file.field)).map((file) => ({ path: file.path, name: safeFileName(file.fileName) }))
  };
}
