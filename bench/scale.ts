// One benchmark size, in its own process so its peak RSS is its own. Prints one JSON document.
// Usage: tsx bench/scale.ts --dir LEDGER_DIR --db FILE [--reps N] [--ingest-reps N] [--naive-points N]
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database, queryRows } from '../server/db.ts';
import { ingestFiles } from '../server/ingest/index.ts';
import { applySchema, refreshModels } from '../server/models.ts';
import { ledgerBounds } from '../server/as-of.ts';
import { connectionReader } from '../server/queries/reader.ts';
import * as reports from '../server/queries/reports.ts';
import { dashboardReports } from './dashboard-reports.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    db: { type: 'string' },
    reps: { type: 'string', default: '5' },
    'naive-points': { type: 'string' },
    // 0 skips the ingest-against-read_csv repetitions (a memory run at 10 M needs only the load and rebuild)
    'ingest-reps': { type: 'string', default: '3' }
  }
});
const dir = values.dir!;
const dbPath = values.db!;
const reps = Number(values.reps);
// the generator bills in several currencies and writes their rates: without them every report fails on a missing rate
const TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates'].filter((t) =>
  existsSync(join(dir, `${t}.csv`))
);
const NAIVE_SQL = readFileSync(new URL('./naive-kpis.sql', import.meta.url), 'utf8');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}
const removeDb = (path: string) => ['', '.wal', '.tmp'].forEach((suffix) => rmSync(path + suffix, { recursive: true, force: true }));
const log = (message: string) => process.stderr.write(`[bench ${dir}] ${message}\n`);

// 1. Ingest of invoices.csv against DuckDB's bare CREATE TABLE AS read_csv, same file, same run.
const invoicesCsv = join(dir, 'invoices.csv');
const ingestRatios: number[] = [];
const bareTimes: number[] = [];
const ingestTimes: number[] = [];
for (let rep = 0; rep < Number(values['ingest-reps']); rep++) {
  const path = `${dbPath}.ingest-${rep}`;
  removeDb(path);
  const db = await Database.open(path);
  const [bare] = await db.write((c) =>
    timed(() => c.run(`create table bare as select * from read_csv('${invoicesCsv.replace(/'/g, "''")}')`))
  );
  await db.write((c) => c.run('drop table bare'));
  await db.write((c) => applySchema(c));
  const [ingest, result] = await db.write((c) => timed(() => ingestFiles(c, [{ path: invoicesCsv, name: 'invoices.csv' }])));
  if (result.rejected.length) throw new Error(`ingest rejected rows: ${JSON.stringify(result.rejected[0])}`);
  db.close();
  removeDb(path);
  bareTimes.push(bare);
  ingestTimes.push(ingest);
  ingestRatios.push(ingest / bare);
  log(`ingest rep ${rep}: bare ${bare.toFixed(0)} ms, ingest ${ingest.toFixed(0)} ms`);
}

// 2. The whole ledger, then the model rebuild.
removeDb(dbPath);
const db = await Database.open(dbPath);
await db.write((c) => applySchema(c));
const [ingestAll, loaded] = await db.write((c) =>
  timed(() =>
    ingestFiles(
      c,
      TABLES.map((t) => ({ path: join(dir, `${t}.csv`), name: `${t}.csv` }))
    )
  )
);
if (loaded.rejected.length) throw new Error(`ingest rejected rows: ${JSON.stringify(loaded.rejected[0])}`);
log(`ingest of all tables ${ingestAll.toFixed(0)} ms`);
const modelTimes: Record<string, number> = {};
const [rebuild] = await db.write((c) => timed(() => refreshModels(c, { onModel: (name, ms) => (modelTimes[name] = Math.round(ms)) })));
log(`rebuild ${rebuild.toFixed(0)} ms`);

// 3. Reports, uncached (straight on a connection), medians of `reps`.
const connection = await db.connect();
const reader = connectionReader(connection);
const { last_date: lastDate } = await ledgerBounds(reader);
const asOf = lastDate!;
const dashboard = dashboardReports(reader, asOf);
async function medianOf(work: () => Promise<unknown>): Promise<number> {
  await work(); // one warm-up: the first read of a table pays for loading it from disk
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push((await timed(work))[0]);
  return median(times);
}
const kpisMs = await medianOf(dashboard.kpis);
const agingMs = await medianOf(dashboard.aging);
const periodMs = await medianOf(dashboard.period);
const seriesMs = await medianOf(dashboard.series);
const series = await dashboard.series();
log(
  `kpis ${kpisMs.toFixed(1)} ms, aging ${agingMs.toFixed(1)}, period ${periodMs.toFixed(1)}, series(${series.points.length}) ${seriesMs.toFixed(0)} ms`
);

// 4. The obvious way: a scan of every balance per as-of date, per currency; and a check that it
// agrees with each currency's own figures in the kpis report (by_currency, unconverted).
type NaiveRow = { currency: string; ar: number; current_ar: number; sales: number; dso: number | null };
const naiveKpis = (date: string) => queryRows<NaiveRow>(connection, NAIVE_SQL, [date, 90]);
const naiveKpisMs = await medianOf(() => naiveKpis(asOf));
// at 10 M a scan takes seconds: the last `naive-points` weeks of the series are enough for the ratio
const checkedPoints = series.points.slice(-Number(values['naive-points'] ?? series.points.length));
const [naiveSeriesMs, naivePoints] = await timed(async () => {
  const points: NaiveRow[][] = [];
  for (const point of checkedPoints) points.push(await naiveKpis(point.to));
  return points;
});
const disagreements: string[] = [];
for (const [i, point] of checkedPoints.entries()) {
  const own = (await reports.kpis(reader, { as_of: point.to, window: 90 })).by_currency ?? [];
  for (const naive of naivePoints[i]) {
    const model = own.find((c) => c.currency === naive.currency);
    if (!model || model.ar !== naive.ar || model.current_ar !== naive.current_ar || model.sales !== naive.sales)
      disagreements.push(`${point.to} ${naive.currency}: naive ${JSON.stringify(naive)}, models ${JSON.stringify(model ?? null)}`);
  }
}
if (disagreements.length) log(`disagreements:\n${disagreements.join('\n')}`);
const modelsMsForCheckedPoints = (seriesMs * checkedPoints.length) / series.points.length;
log(`naive kpis ${naiveKpisMs.toFixed(0)} ms, naive series ${naiveSeriesMs.toFixed(0)} ms, disagreements ${disagreements.length}`);

const [rows] = await queryRows<{ invoices: string; payments: string }>(
  connection,
  'select (select count(*) from invoices) as invoices, (select count(*) from payments) as payments'
);
connection.closeSync();
db.close();
process.stdout.write(
  JSON.stringify({
    invoices: Number(rows.invoices),
    payments: Number(rows.payments),
    as_of: asOf,
    ingest: { bare_ms: median(bareTimes), ingest_ms: median(ingestTimes), ratio: median(ingestRatios), ratios: ingestRatios },
    ingest_all_ms: ingestAll,
    rebuild_ms: rebuild,
    model_ms: modelTimes,
    kpis_ms: kpisMs,
    aging_ms: agingMs,
    period_ms: periodMs,
    series_ms: seriesMs,
    series_points: series.points.length,
    naive_kpis_ms: naiveKpisMs,
    naive_series_ms: naiveSeriesMs,
    naive_series_points: checkedPoints.length,
    models_ms_for_naive_points: modelsMsForCheckedPoints,
    naive_disagreements: disagreements.length,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024)
  }) + '\n'
);
