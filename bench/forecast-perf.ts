// npx tsx bench/forecast-perf.ts [--invoices 1000000] [--runs 5] [--as-of DATE] [--db PATH] [--reference REV]
// Times the forecast of interface.md (every open invoice's pay dates and the 13 weeks' cash) on a
// generated ledger: cold = the first forecast after the database is opened, warm = the median of
// --runs more in the same process. Reads go straight to DuckDB on two connections (the server's
// answer cache is not used). Then the same through the server's reader (server/db.ts), whose
// answers are kept until the next write: server_first_ms computes, server_repeat is a repeat.
// The ledger is generated and loaded once into --db (kept between runs). --reference REV (a git
// revision) also times REV's report the way REV's server/queries/forecast.ts read it (its weeks and
// its invoices as two queries side by side, on REV's forecast macros renamed <name>_ref),
// alternating with the current one in the same process, and checks that both give the same report.
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

/** The report as the reference revision's server read it: weeks and invoices as two queries at once. */
async function referenceForecast(db: Reader, asOf: string, weeks: number, currency: string) {
  const [weekRows, invoices] = await Promise.all([
    db.read<{ week_start: string; week_end: string; expected: number; spread: number }>(
      `select
         week_start,
         week_end,
         sum(case when $3::varchar is null then expected else to_reporting(expected::decimal(38, 2), currency, $3::varchar, $4::date) end)::double as expected,
         sqrt(sum(case when $3::varchar is null then sqrt(variance) else to_reporting(sqrt(variance)::decimal(38, 2), currency, $3::varchar, $4::date) end::double ^ 2)) as spread
       from forecast_weeks_ref($1::date, $2::integer)
       group by week, week_start, week_end
       order by week`,
      [asOf, weeks, currency, asOf]
    ),
    db.read(
      `select invoice_id, customer_id, round(to_reporting(balance, currency, $2, $1::date), 2)::double as balance, due_date,
              expected_pay_date, pay_date_low, pay_date_high, round(late_probability, 4)::double as late_probability
       from forecast_invoices_ref($1::date)
       order by expected_pay_date, invoice_id`,
      [asOf, currency]
    )
  ]);
  return { weekRows, invoices };
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

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
  const warm: number[] = [];
  const reference: number[] = [];
  let same: boolean | undefined;
  for (let i = 0; i < RUNS; i++) {
    warm.push((await timed(() => forecast(reader, query)))[0]);
    if (values.reference) {
      const [ms, old] = await timed(() => referenceForecast(reader, report.as_of, query.weeks, report.currency));
      reference.push(ms);
      // the same figures: invoices as the API gives them, each week's expected cash in cents
      same ??=
        JSON.stringify(old.invoices) === JSON.stringify(report.invoices) &&
        old.weekRows.length === report.weeks.length &&
        old.weekRows.every(
          (w, k) => Math.round(w.expected * 100) / 100 === report.weeks[k].expected && w.week_start === report.weeks[k].from
        );
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
    warm_median_ms: Math.round(median(warm)),
    warm_ms: warm.map(Math.round),
    server_first_ms: Math.round(serverFirst),
    server_repeat_median_ms: Number(median(served).toFixed(2)),
    ...(values.reference
      ? {
          reference: values.reference,
          reference_median_ms: Math.round(median(reference)),
          reference_ms: reference.map(Math.round),
          reference_over_current: Number((median(reference) / median(warm)).toFixed(2)),
          same_report_as_reference: same
        }
      : {}),
    load_average: loadavg().map((x) => Number(x.toFixed(1)))
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
