// npx tsx bench/forecast-perf.ts [--invoices 1000000] [--runs 5] [--as-of DATE] [--db PATH] [--reference REV]
// Times the forecast of interface.md (every open invoice's pay dates and the 13 weeks' cash) on a
// generated ledger: cold = the first forecast after the database is opened, warm = the median of
// --runs more in the same process. Reads go straight to DuckDB on two connections (the server's
// answer cache is not used). Then the same through the server's reader (server/db.ts), whose
// answers are kept until the next write: server_first_ms computes, server_repeat is a repeat.
// The ledger is generated and loaded once into --db (kept between runs). --reference REV (a git
// revision) also times REV's report the way main's server/queries/forecast.ts reads it (its weeks and
// its invoices from one query over forecast_model, on REV's forecast macros renamed <name>_ref),
// alternating with the current one in the same process, and counts the invoices and weeks whose
// figures differ. CPU time (user + system of the process, DuckDB's threads included) beside each wall time.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Database, queryRows, type Params, type Row } from '../server/db.ts';
import { ensureModels } from '../server/models.ts';
import { forecast } from '../server/queries/forecast.ts';
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

/**
 * The report as the reference revision's server reads it (main since 2026-12-01 evening): the weeks
 * and the invoices from one query over its forecast_model, on its macros renamed <name>_ref.
 */
async function referenceForecast(db: Reader, asOf: string, weeks: number, currency: string) {
  const rows = await db.read<Row & { kind: string; week_start: string; expected: number }>(
    `with model as materialized (
       from forecast_model_ref($1::date, $3::integer)
     ),
     week_rows as (
       select week, week_start, week_end,
         sum(to_reporting(expected::decimal(38, 2), currency, $2::varchar, $1::date))::double as expected
       from forecast_weeks_from_ref('model', $1::date, $3::integer)
       group by week, week_start, week_end
     )
     select 'week' as kind, week, week_start, expected, null::varchar as invoice_id, null::varchar as customer_id,
            null::double as balance, null::date as due_date, null::date as expected_pay_date, null::date as pay_date_low,
            null::date as pay_date_high, null::double as late_probability
     from week_rows
     union all
     select 'invoice', null, null, null, invoice_id, customer_id, round(to_reporting(balance, currency, $2, $1::date), 2)::double,
            due_date, expected_pay_date, pay_date_low, pay_date_high, round(late_probability, 4)::double
     from model
     where week is null
     order by kind desc, week, expected_pay_date, invoice_id`,
    [asOf, currency, weeks]
  );
  const weekRows = rows.filter((r) => r.kind === 'week');
  const invoices = rows
    .filter((r) => r.kind === 'invoice')
    .map(({ invoice_id, customer_id, balance, due_date, expected_pay_date, pay_date_low, pay_date_high, late_probability }) => ({
      invoice_id,
      customer_id,
      balance,
      due_date,
      expected_pay_date,
      pay_date_low,
      pay_date_high,
      late_probability
    }));
  return { weekRows, invoices };
}

/** Invoices whose figures differ between two reports (by invoice id), and weeks whose expected cash differs by more than a cent. */
function differences(
  old: Awaited<ReturnType<typeof referenceForecast>>,
  report: Awaited<ReturnType<typeof forecast>>
): { invoices: number; weeks: number; examples: string[] } {
  const current = new Map(report.invoices.map((i) => [i.invoice_id, JSON.stringify(i)]));
  const differing = old.invoices.filter((i) => current.get(i.invoice_id as string) !== JSON.stringify(i));
  const extra = report.invoices.length - old.invoices.length;
  const weeks = report.weeks.filter((w, k) => !old.weekRows[k] || Math.abs(old.weekRows[k].expected - w.expected) > 0.01).length;
  return {
    invoices: differing.length + Math.max(extra, 0),
    weeks,
    examples: differing.slice(0, 3).map((i) => `${JSON.stringify(i)} now ${current.get(i.invoice_id as string)}`)
  };
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
      const [ms, old] = await timed(() => referenceForecast(reader, report.as_of, query.weeks, report.currency));
      reference.push(ms);
      referenceCpu.push(lastCpu());
      // the same figures: invoices as the API gives them, each week's expected cash to the cent
      diff ??= differences(old, report);
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
