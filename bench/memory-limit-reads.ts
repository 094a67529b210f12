// The dashboard's reports on one database under several DuckDB memory limits, alternated in one
// run: does a lower limit (a smaller peak RSS, docs/benchmarks.md "Memory at 10 M") slow the reads?
// Each (limit, repetition) runs in its own process (bench/alternated-runs.ts), so its peak RSS is its own. --reports picks the
// reports: the dashboard's four (the default) and the collectors' and controllers' heavier ones,
// drift, the whole worklist and the 13-week forecast, all at the ledger's last date.
// Usage: tsx bench/memory-limit-reads.ts --db FILE [--limits 1GB,2.5GB] [--reps 3] [--reports kpis,aging,period,series,drift,worklist,forecast]
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { ledgerBounds } from '../server/as-of.ts';
import { connectionReader } from '../server/queries/reader.ts';
import { drift } from '../server/queries/drift.ts';
import { forecast } from '../server/queries/forecast.ts';
import { worklist } from '../server/queries/worklist.ts';
import { alternatedRuns } from './alternated-runs.ts';
import { dashboardReports } from './dashboard-reports.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    limits: { type: 'string', default: '1GB,2.5GB' },
    reps: { type: 'string', default: '3' },
    child: { type: 'string' },
    reports: { type: 'string', default: 'kpis,aging,period,series' }
  }
});
const dbPath = values.db!;
const ALL_REPORTS = ['kpis', 'aging', 'period', 'series', 'drift', 'worklist', 'forecast'] as const;
type ReportName = (typeof ALL_REPORTS)[number];
const REPORTS = values.reports!.split(',') as ReportName[];
const unknown = REPORTS.filter((r) => !ALL_REPORTS.includes(r));
if (unknown.length) throw new Error(`--reports: no report named ${unknown.join(', ')} (one of ${ALL_REPORTS.join(', ')})`);
type Timings = Partial<Record<ReportName, number | string>> & { peak_rss_mb: number; cpu_s: number };

async function timeReports(limit: string): Promise<Timings> {
  const db = await Database.open(dbPath, { settings: { memory_limit: limit } });
  const connection = await db.connect();
  const reader = connectionReader(connection);
  const { last_date: asOf } = await ledgerBounds(reader);
  const work: Record<ReportName, () => Promise<unknown>> = {
    ...dashboardReports(reader, asOf!),
    drift: () => drift(reader, { as_of: asOf! }),
    worklist: () => worklist(reader, { as_of: asOf! }),
    forecast: () => forecast(reader, { as_of: asOf!, weeks: 13 })
  };
  const cpuBefore = process.cpuUsage();
  const timings = {} as Timings;
  for (const name of REPORTS) {
    const started = performance.now();
    try {
      await work[name]();
      timings[name] = Math.round(performance.now() - started);
    } catch (error) {
      // a report that fails (out of memory at 50 M) is reported with its time and reason; the next runs
      timings[name] = `failed after ${Math.round(performance.now() - started)} ms: ${String(error).split('\n')[0]}`;
    }
    process.stderr.write(`[${limit}] ${name}: ${timings[name]}\n`);
  }
  const cpu = process.cpuUsage(cpuBefore);
  timings.cpu_s = Math.round((cpu.user + cpu.system) / 1e5) / 10;
  timings.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  connection.closeSync();
  db.close();
  return timings;
}

if (values.child) {
  process.stdout.write(JSON.stringify(await timeReports(values.child)) + '\n');
} else {
  const limits = values.limits!.split(',');
  const runs = alternatedRuns<Timings>(limits, Number(values.reps), ['--db', dbPath, '--reports', values.reports!]);
  // a failed report's reason stands for its median
  const median = (xs: (number | string)[]) =>
    xs.find((x) => typeof x === 'string') ?? [...(xs as number[])].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = Object.fromEntries(
    limits.map((limit) => [
      limit,
      Object.fromEntries([...REPORTS, 'cpu_s', 'peak_rss_mb'].map((k) => [k, median(runs[limit].map((t) => t[k as keyof Timings]!))]))
    ])
  );
  process.stdout.write(JSON.stringify({ db: dbPath, reps: Number(values.reps), median: summary }, null, 1) + '\n');
}
