// The dashboard's four reports (bench/dashboard-reports.ts), first reads of a freshly opened database,
// with this tree's marts against a git revision's, alternated in one run: for a mart rewrite on a
// database whose core tables both versions read (built by this tree: a new core table is only extra
// to the revision). Each (version, repetition) runs in its own process: it writes the version's mart
// files into the database, closes it, opens it again and times the reports, and its CPU (DuckDB's
// threads run in the process). The database ends with this tree's marts.
// npx tsx bench/mart-reads-compare.ts --db FILE [--reference main] [--marts recovery_by_bucket] [--reps 3] [--limit 2.5GB]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { ledgerBounds } from '../server/as-of.ts';
import { connectionReader } from '../server/queries/reader.ts';
import { alternatedRuns } from './alternated-runs.ts';
import { dashboardReports } from './dashboard-reports.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    reference: { type: 'string', default: 'main' },
    marts: { type: 'string', default: 'recovery_by_bucket' },
    reps: { type: 'string', default: '3' },
    limit: { type: 'string', default: '2.5GB' },
    child: { type: 'string' }
  }
});
if (!values.db) throw new Error('--db FILE is required');
const dbPath = values.db;
const REPORTS = ['kpis', 'aging', 'period', 'series'] as const;
/** wall ms of each report, its CPU ms (`<report>_cpu`), and the CPU seconds of all four */
type Timings = Record<string, number>;
const VERSIONS = ['this tree', values.reference!];

function martSql(version: string, mart: string): string {
  const path = `sql/marts/${mart}.sql`;
  if (version === 'this tree') return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
  return execFileSync('git', ['show', `${version}:${path}`], { encoding: 'utf8' });
}

async function writeMarts(version: string): Promise<void> {
  const db = await Database.open(dbPath, { settings: { memory_limit: values.limit! } });
  await db.write(async (connection) => {
    for (const mart of values.marts!.split(',')) await connection.run(martSql(version, mart));
  });
  db.close();
}

async function timeReports(version: string): Promise<Timings> {
  await writeMarts(version);
  const db = await Database.open(dbPath, { settings: { memory_limit: values.limit! } });
  const connection = await db.connect();
  const reader = connectionReader(connection);
  const { last_date: asOf } = await ledgerBounds(reader);
  const work = dashboardReports(reader, asOf!);
  const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
  const timings: Timings = {};
  for (const name of REPORTS) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await work[name]();
    timings[`${name}_cpu`] = Math.round(cpuMs(process.cpuUsage(cpuBefore)));
    timings[name] = Math.round(performance.now() - started);
  }
  timings.cpu_s = Math.round(REPORTS.reduce((sum, name) => sum + timings[`${name}_cpu`]!, 0) / 100) / 10;
  connection.closeSync();
  db.close();
  return timings;
}

if (values.child) {
  process.stdout.write(JSON.stringify(await timeReports(values.child)) + '\n');
} else {
  const runs = alternatedRuns<Timings>(VERSIONS, Number(values.reps), ['--db', dbPath, '--marts', values.marts!, '--limit', values.limit!]);
  await writeMarts('this tree');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const keys = [...REPORTS, ...REPORTS.map((name) => `${name}_cpu`), 'cpu_s'];
  const medians = Object.fromEntries(
    VERSIONS.map((v) => [v, Object.fromEntries(keys.map((k) => [k, median(runs[v]!.map((t) => t[k]!))]))])
  ) as Record<string, Timings>;
  const ratio = Object.fromEntries(keys.map((k) => [k, Math.round((medians[VERSIONS[0]!]![k] / medians[VERSIONS[1]!]![k]) * 100) / 100]));
  process.stdout.write(
    JSON.stringify({ db: dbPath, reps: Number(values.reps), median: medians, [`this tree ÷ ${values.reference}`]: ratio }, null, 1) + '\n'
  );
}
