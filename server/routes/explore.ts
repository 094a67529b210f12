// The Explore sandbox's API: GET /sources, POST /query (Arrow IPC stream with X-Row-Count and
// X-Truncated), POST /export?format=csv|parquet. Refused or failed queries answer 400 {"error"}.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { exploreQuery, exportFormat, exploreSources } from '../contracts/explore.ts';
import type { Database } from '../db.ts';
import { toArrowStream } from '../explore/arrow.ts';
import { SandboxError } from '../explore/errors.ts';
import { toCsv } from '../explore/export.ts';
import { Busy } from '../explore/gate.ts';
import { ResultTooLarge, exportParquet, runExplore } from '../explore/run.ts';
import { listModels, listUploads } from '../explore/sources.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

async function sandboxed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Busy) {
      const res = Response.json({ error: error.message }, { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } });
      throw new HTTPException(429, { res });
    }
    if (error instanceof ResultTooLarge) throw new HTTPException(413, { message: error.message });
    if (error instanceof SandboxError) throw new HTTPException(400, { message: error.message });
    throw error;
  }
}

export function exploreRoutes(db: Database, uploadsDir: string) {
  return new Hono()
    .get(
      '/sources',
      doc({
        summary: 'What Explore can query: models with columns, uploaded files with a path for read_csv/read_parquet',
        response: exploreSources
      }),
      async (c) => c.json({ models: await listModels(db), uploads: listUploads(uploadsDir) })
    )
    .post(
      '/query',
      doc({
        summary:
          'One read-only SQL statement; 200 answers an Arrow IPC stream (application/vnd.apache.arrow.stream) with X-Row-Count and X-Truncated, 400 {"error"} DuckDB\'s or the sandbox\'s message',
        response: exploreSources.pick({})
      }),
      validate('json', exploreQuery),
      async (c) => {
        const { sql, max_rows } = c.req.valid('json');
        const result = await sandboxed(() => runExplore(db, sql, { uploadsDir, maxRows: max_rows, signal: c.req.raw.signal }));
        const body = toArrowStream(result);
        return c.body(body as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'application/vnd.apache.arrow.stream',
          'X-Row-Count': String(result.rowCount),
          'X-Truncated': String(result.truncated)
        });
      }
    )
    .post(
      '/export',
      doc({
        summary: 'The query as a file download: ?format=csv (formula injection neutralised) or parquet',
        response: exploreSources.pick({})
      }),
      validate('query', exportFormat),
      validate('json', exploreQuery),
      async (c) => {
        const { format } = c.req.valid('query');
        const { sql, max_rows } = c.req.valid('json');
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        if (format === 'parquet') {
          const bytes = await sandboxed(() => exportParquet(db, sql, { uploadsDir, maxRows: max_rows, signal: c.req.raw.signal }));
          return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
            'Content-Type': 'application/vnd.apache.parquet',
            'Content-Disposition': `attachment; filename="explore-${stamp}.parquet"`
          });
        }
        const result = await sandboxed(() => runExplore(db, sql, { uploadsDir, maxRows: max_rows, signal: c.req.raw.signal }));
        return c.body(toCsv(result), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="explore-${stamp}.csv"`,
          'X-Row-Count': String(result.rowCount),
          'X-Truncated': String(result.truncated)
        });
      }
    );
}
