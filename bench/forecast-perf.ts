// npx tsx bench/forecast-perf.ts [--invoices 1000000] [--runs 5] [--as-of DATE] [--db PATH]
// Times the forecast of interface.md (every open invoice's pay dates and the 13 weeks' cash) on a
// generated ledger: cold = the first forecast after the database is opened, warm = the median of
// --runs more in the same process. Reads go straight to DuckDB on two connections (the server's
// answer cache is not used), as server/forecast/report.ts runs its two queries side by side.
// The ledger is generated and loaded once into --db (kept between runs).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Database, queryRows, type Params, type Row } from '../server/db.ts';
import { ensureModels } from '../server/models.ts';
import { forecast } from '../server/forecast/report.ts';
import type { Reader } from '../server/queries/reader.ts';
import { openFixtureDb } from '../support/databases.ts';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    'as-of': { type: 'string', default: '2026-11-22' },
    db: { type: 'string' }
  }
});
const INVOICES = Number(values.invoices.replace(/[_,]/g, ''));
const RUNS = Number(values.runs);
const DB = values.db ?? `/tmp/forecast-perf/forecast-${INVOICES}.duckdb`;
const log = (message: string) => process.stderr.write(message + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function uncachedReader(db: Database): Promise<Reader> {
  const connections = [await db.connect(), await db.connect()];
  let next = 0;
  return { read: <T extends Row = Row>(sql: string, params?: Params) => queryRows<T>(connections[next++ % 2], sql, params) };
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

async function main() {
  log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  // the models of the current sql/ (a kept database may have been built by older ones)
  const [prepared] = await timed(async () => {
    const fixture = await openFixtureDb(DB, { invoices: INVOICES });
    await fixture.write((connection) => ensureModels(connection));
    fixture.close();
  });
  log(`database ${DB} ready in ${(prepared / 1000).toFixed(1)} s`);

  const db = await Database.open(DB);
  const reader = await uncachedReader(db);
  const query = { as_of: values['as-of'], weeks: 13 };
  const [cold, report] = await timed(() => forecast(reader, query));
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await timed(() => forecast(reader, query)))[0]);
  db.close();
  const result = {
    invoices: INVOICES,
    as_of: report.as_of,
    open_invoices: report.invoices.length,
    cold_ms: Math.round(cold),
    warm_median_ms: Math.round(median(warm)),
    warm_ms: warm.map(Math.round),
    load_average: loadavg().map((x) => Number(x.toFixed(1)))
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
