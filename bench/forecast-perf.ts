// npx tsx bench/forecast-perf.ts [--invoices 1000000] [--runs 5] [--as-of DATE] [--db PATH] [--reference REV]
// Times the forecast of interface.md (every open invoice's pay dates and the 13 weeks' cash) on a
// generated ledger: cold = the first forecast after the database is opened, warm = the median of
// --runs more in the same process. Reads go straight to DuckDB on two connections (the server's
// answer cache is not used). Then the same through the server's reader (server/db.ts), whose
// answers are kept until the next write: server_first_ms computes, server_repeat is a repeat.
// The ledger is generated and loaded once into --db (kept between runs). --reference REV (a git
// revision) also times REV's report, read by this tree's server/queries/forecast.ts (its weeks and
// its invoices from one query over forecast_model) on REV's forecast macros renamed <name>_ref,
// alternating with the current one in the same process, and counts the invoices and weeks whose
// figures (as the API gives them) differ. CPU time (user + system of the process, DuckDB's threads included) beside each wall time.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Database, queryRows, type Params, type Row } from '../server/db.ts';
import { ensureModels } from '../server/models.ts';
import { forecast, weeksAndInvoices } from '../server/queries/forecast.ts';
import { differences } from './forecast-diff.ts';
import type { Reader } from '../server/queries/reader.ts';
import { openFixtureDb } from '../support/databases.ts';
import { defineReferenceModels } from './reference-models.ts';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    'as-of': { type: 'string', default: '2026-11-22' },
    db: { type: 'string' },
    reference: { type: 'string' }
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

/** CPU time of the whole process (DuckDB's threads included), user + system, in ms: load inflates it less than wall time. */
const cpuMs: number[] = [];
async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  return [performance.now() - started, result];
}
const lastCpu = () => cpuMs[cpuMs.length - 1];

async function main() {
  log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`
  );
  // the models of the current sql/ (a kept database may have been built by older ones)
  const [prepared] = await timed(async () => {
    const fixture = await openFixtureDb(DB, { invoices: INVOICES });
    await fixture.write((connection) => ensureModels(connection));
    fixture.close();
  });
  log(`database ${DB} ready in ${(prepared / 1000).toFixed(1)} s`);

  const db = await Database.open(DB);
  if (values.reference) await db.write((connection) => defineReferenceModels(connection, values.reference!));
  const reader = await uncachedReader(db);
  const query = { as_of: values['as-of'], weeks: 13 };
  const [cold, report] = await timed(() => forecast(reader, query));
  const coldCpu = lastCpu();
  const warm: number[] = [];
  const warmCpu: number[] = [];
  const reference: number[] = [];
  const referenceCpu: number[] = [];
  let diff: ReturnType<typeof differences> | undefined;
  for (let i = 0; i < RUNS; i++) {
    warm.push((await timed(() => forecast(reader, query)))[0]);
    warmCpu.push(lastCpu());
    if (values.reference) {
      const [ms, old] = await timed(() => weeksAndInvoices(reader, report.as_of, query.weeks, report.currency, '_ref'));
      reference.push(ms);
      referenceCpu.push(lastCpu());
      // the same figures: invoices and weeks as the API gives them
      diff ??= differences(old, [report.weeks, report.invoices]);
    }
  }
  // through the server's own reader (server/db.ts: the answer kept until the next write), as
  // GET /api/forecast and cli forecast read it: the first request computes, a repeat is served kept
  const [serverFirst] = await timed(() => forecast(db, query));
  const served: number[] = [];
  for (let i = 0; i < RUNS; i++) served.push((await timed(() => forecast(db, query)))[0]);
  db.close();
  const result = {
    invoices: INVOICES,
    as_of: report.as_of,
    open_invoices: report.invoices.length,
    cold_ms: Math.round(cold),
    cold_cpu_ms: Math.round(coldCpu),
    warm_median_ms: Math.round(median(warm)),
    warm_ms: warm.map(Math.round),
    warm_cpu_median_ms: Math.round(median(warmCpu)),
    server_first_ms: Math.round(serverFirst),
    server_repeat_median_ms: Number(median(served).toFixed(2)),
    ...(values.reference
      ? {
          reference: values.reference,
          reference_median_ms: Math.round(median(reference)),
          reference_ms: reference.map(Math.round),
          reference_cpu_median_ms: Math.round(median(referenceCpu)),
          reference_over_current: Number((median(reference) / median(warm)).toFixed(2)),
          reference_over_current_cpu: Number((median(referenceCpu) / median(warmCpu)).toFixed(2)),
          invoices_differing_from_reference: diff?.invoices,
          weeks_differing_from_reference: diff?.weeks,
          differing_examples: diff?.examples
        }
      : {}),
    load_average: loadavg().map((x) => Number(x.toFixed(1)))
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
