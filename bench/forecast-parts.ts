// npx tsx bench/forecast-parts.ts --db PATH [--as-of 2026-11-22] [--runs 3] [--threads N] [--reference REV]
// Where the forecast report's time goes, each part timed on its own in one process (CPU time of the
// process, DuckDB's threads included, and wall; medians of --runs after one unmeasured round): the
// model alone (forecast_model(as_of, 13) counted), the report's query as bench/forecast-perf.ts runs
// it (server/queries/forecast.ts weeksAndInvoices) counted and read by DuckDB, and the same read into
// JavaScript rows. --threads sets DuckDB's threads (1: the work itself, without the threads' waits).
// --reference REV times REV's model and report beside them (REV's forecast macros renamed <name>_ref).
// The database's core tables must be up to date (bench/forecast-perf.ts builds them).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Database, queryRows, type Params, type Row } from '../server/db.ts';
import { applyReadModels } from '../server/models.ts';
import { weeksAndInvoices } from '../server/queries/forecast.ts';
import { reportingCurrency, type Reader } from '../server/queries/reader.ts';
import { defineReferenceModels } from './reference-models.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'as-of': { type: 'string', default: '2026-11-22' },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string' },
    reference: { type: 'string' }
  }
});
if (!values.db) throw new Error('--db PATH: a database with its core tables built');
const asOf = values['as-of'];
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('--as-of: expected YYYY-MM-DD');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const db = await Database.open(values.db);
await db.write(async (connection) => {
  await applyReadModels(connection);
  if (values.reference) await defineReferenceModels(connection, values.reference);
});
const connection = await db.connect();
if (values.threads) await connection.run(`set threads = ${Number(values.threads)}`);
const reader: Reader = { read: <T extends Row = Row>(sql: string, params?: Params) => queryRows<T>(connection, sql, params) };
const currency = await reportingCurrency(reader, undefined);

/** The report's SQL with its parameters, as weeksAndInvoices sends it. */
async function reportSql(models: string): Promise<[string, Params]> {
  let captured: [string, Params] = ['', []];
  const capture: Reader = {
    read: async <T extends Row = Row>(sql: string, params?: Params) => ((captured = [sql, params ?? []]), [] as T[])
  };
  await weeksAndInvoices(capture, asOf, 13, currency, models);
  return captured;
}

const parts: [string, () => Promise<unknown>][] = [];
for (const models of values.reference ? ['', '_ref'] : ['']) {
  const [sql, params] = await reportSql(models);
  const name = (part: string) => part + (models ? ' (reference)' : '');
  parts.push(
    [name('model'), () => connection.runAndReadAll(`select count(*), count(week) from forecast_model${models}($1::date, 13)`, [asOf])],
    [name("report's query, counted"), () => connection.runAndReadAll(`select count(*) from (${sql})`, params)],
    [name("report's query, read by DuckDB"), () => connection.runAndReadAll(sql, params)],
    [name('report read into JavaScript rows'), () => weeksAndInvoices(reader, asOf, 13, currency, models)]
  );
}

const cpu: Record<string, number[]> = {};
const wall: Record<string, number[]> = {};
for (let round = 0; round <= Number(values.runs); round++) {
  for (const [name, run] of parts) {
    const started = performance.now();
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    if (round === 0) continue;
    (cpu[name] ??= []).push(Math.round((used.user + used.system) / 1000));
    (wall[name] ??= []).push(Math.round(performance.now() - started));
  }
}
connection.closeSync();
db.close();
process.stdout.write(
  JSON.stringify({
    as_of: asOf,
    threads: values.threads ?? 'default',
    reference: values.reference,
    parts: Object.fromEntries(
      Object.keys(cpu).map((name) => [name, { cpu_median_ms: median(cpu[name]), wall_median_ms: median(wall[name]), cpu_ms: cpu[name] }])
    ),
    load_average: loadavg().map((x) => Number(x.toFixed(1)))
  }) + '\n'
);
