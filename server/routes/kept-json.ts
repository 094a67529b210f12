// A dashboard read's answer as JSON text kept until the next write (server/db.ts json): asked again,
// it costs a lookup instead of shaping the report and serialising it, which took most of the
// event loop's time while 20 readers asked during uploads and undos (issue 14 #9). The key is the
// route and its validated query (a collector's forced filter included) and the UTC date, the one
// other input (an empty ledger's as-of date is today).
import type { Env, Handler } from 'hono';
import type { Reader } from '../queries/reader.ts';

/** The handler of a read kept under `route`: put it after the route's query validator. */
export function keptJson<Query extends object>(
  db: Reader,
  route: string,
  read: (db: Reader, query: Query) => Promise<unknown>
): Handler<Env, string, { out: { query: Query } }> {
  return async (c) => {
    const query = c.req.valid('query');
    const key = `${route} ${new Date().toISOString().slice(0, 10)} ${JSON.stringify(query)}`;
    const compute = () => read(db, query);
    const body = db.json ? await db.json(key, compute) : JSON.stringify(await compute());
    return c.body(body, 200, { 'content-type': 'application/json' });
  };
}
