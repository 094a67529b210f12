// A dashboard read's answer as JSON text kept until the next write (server/db.ts json): asked again,
// it costs a lookup instead of shaping the report and serialising it, which took most of the
// event loop's time while 20 readers asked during uploads and undos (issue 14 #9). The key is the
// route and its validated query (a collector's forced filter included) and the UTC date, the one
// other input (an empty ledger's as-of date is today).
import type { Context } from 'hono';
import type { Reader } from '../queries/reader.ts';

export async function keptJson(c: Context, db: Reader, route: string, query: object, compute: () => Promise<unknown>): Promise<Response> {
  const key = `${route} ${new Date().toISOString().slice(0, 10)} ${JSON.stringify(query)}`;
  const body = db.json ? await db.json(key, compute) : JSON.stringify(await compute());
  return c.body(body, 200, { 'content-type': 'application/json' });
}
