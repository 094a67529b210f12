// Which of DuckDB's string compressions the database should try when it writes: each variant of
// `disabled_compression_methods` ingests a generated ledger through ingestFiles into a fresh file,
// rebuilds every model, times the reports (the dashboard's four, drift, the worklist and the
// forecast; warm medians), checkpoints and gives the file's size. Variants alternate, each run in a
// process of its own (bench/alternated-runs.ts), so CPU and peak RSS are the variant's own.
// Also checks the reports answer the same in every variant (a storage choice must not move a figure).
// A variant names the methods skipped, joined by +; `duckdb` skips none (DuckDB's default, and Database.open's).
// npx tsx bench/compression-choice.ts [--dir /tmp/anydate/ledger-1m] [--reps 3] [--variants duckdb,fsst,fsst+dictionary]
import { rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Database, queryRows } from '../server/db.ts';
import { ingestFiles } from '../server/ingest/index.ts';
import { applySchema, refreshModels } from '../server/models.ts';
import { ledgerBounds } from '../server/as-of.ts';
import { connectionReader } from '../server/queries/reader.ts';
import { dashboardReports } from './dashboard-reports.ts';
import { alternatedRuns } from './alternated-runs.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/tmp/anydate/ledger-1m' },
    db: { type: 'string', default: 'bench/out/compression-choice' },
    reps: { type: 'string', default: '3' },
    reads: { type: 'string', default: '3' },
    variants: { type: 'string', default: 'duckdb,fsst,fsst+dictionary' },
    child: { type: 'string' }
  }
});
const TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates'];

interface Run {
  ingest_ms: number;
  ingest_cpu_ms: number;
  rebuild_ms: number;
  rebuild_cpu_ms: number;
  reads_ms: Record<string, number>;
  file_mb: number;
  used_mb: number;
  peak_rss_mb: number;
  answers: Record<string, string>;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function child(variant: string): Promise<Run> {
  const dbPath = resolve(`${values.db}-${variant}.duckdb`);
  ['', '.wal', '.tmp'].forEach((s) => rmSync(dbPath + s, { recursive: true, force: true }));
  const methods = variant === 'duckdb' ? '' : variant.replace(/\+/g, ',');
  const db = await Database.open(dbPath);
  // from the start, so the canonical tables are written with it too; a global setting: SET on one
  // connection holds for the instance (DuckDBInstance.create ignores it)
  await db.write(async (c) => {
    await c.run(`set disabled_compression_methods = '${methods}'`);
    await applySchema(c);
  });
  let wall = performance.now();
  let cpu = cpuMs();
  const loaded = await db.write((c) =>
    ingestFiles(
      c,
      TABLES.map((t) => ({ path: join(values.dir!, `${t}.csv`), name: `${t}.csv` }))
    )
  );
  if (loaded.rejected.length) throw new Error(`ingest rejected rows: ${JSON.stringify(loaded.rejected[0])}`);
  const ingest = [performance.now() - wall, cpuMs() - cpu];
  wall = performance.now();
  cpu = cpuMs();
  await db.write((c) => refreshModels(c));
  const rebuild = [performance.now() - wall, cpuMs() - cpu];

  const connection = await db.connect();
  const reader = connectionReader(connection);
  const { last_date: asOf } = await ledgerBounds(reader);
  const dashboard = dashboardReports(reader, asOf!);
  const risk = (sql: string) => () => reader.read(sql);
  const work: Record<string, () => Promise<unknown>> = {
    ...dashboard,
    drift: risk(`select * from drift('${asOf}'::date) order by customer_id`),
    worklist: risk(`select * from worklist('${asOf}'::date, null) order by customer_id`),
    forecast: risk(`select * from forecast_invoices('${asOf}'::date) order by invoice_id`)
  };
  const reads: Record<string, number> = {};
  const answers: Record<string, string> = {};
  for (const [name, read] of Object.entries(work)) {
    // doubles summed in parallel differ in their last bits between runs (a CUSUM of 3.6e-15 where
    // another run sums to 0): compared to 9 significant digits, below 1e-9 as 0
    const rounded = (_k: string, v: unknown) => (typeof v === 'number' ? (Math.abs(v) < 1e-9 ? 0 : Number(v.toPrecision(9))) : v);
    answers[name] = createHash('sha256')
      .update(JSON.stringify(await read(), rounded))
      .digest('hex')
      .slice(0, 8);
    const times: number[] = [];
    for (let i = 0; i < Number(values.reads); i++) {
      const started = performance.now();
      await read();
      times.push(performance.now() - started);
    }
    reads[name] = Math.round(median(times));
  }
  connection.closeSync();
  await db.write((c) => c.run('checkpoint'));
  // the blocks in use (the file keeps freed blocks of the rebuild's replaced tables)
  const [{ used_mb }] = await db.write((c) =>
    queryRows<{ used_mb: number }>(c, 'select (used_blocks * block_size / 1e6)::double as used_mb from pragma_database_size()')
  );
  db.close();
  return {
    ingest_ms: Math.round(ingest[0]!),
    ingest_cpu_ms: Math.round(ingest[1]!),
    rebuild_ms: Math.round(rebuild[0]!),
    rebuild_cpu_ms: Math.round(rebuild[1]!),
    reads_ms: reads,
    file_mb: Math.round(statSync(dbPath).size / 1e6),
    used_mb: Math.round(used_mb),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    answers
  };
}

if (values.child !== undefined) {
  process.stdout.write(JSON.stringify(await child(values.child)) + '\n');
  process.exit(0);
}

const variants = values.variants!.split(',');
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const args = ['--dir', values.dir!, '--db', values.db!, '--reads', values.reads!];
const runs = alternatedRuns<Run>(variants, Number(values.reps), args);
const summary = Object.fromEntries(
  variants.map((variant) => {
    const rs = runs[variant]!;
    const pick = (f: (r: Run) => number) => median(rs.map(f));
    return [
      variant,
      {
        ingest_ms: pick((r) => r.ingest_ms),
        ingest_cpu_ms: pick((r) => r.ingest_cpu_ms),
        rebuild_ms: pick((r) => r.rebuild_ms),
        rebuild_cpu_ms: pick((r) => r.rebuild_cpu_ms),
        reads_ms: Object.fromEntries(Object.keys(rs[0]!.reads_ms).map((k) => [k, pick((r) => r.reads_ms[k]!)])),
        file_mb: pick((r) => r.file_mb),
        used_mb: pick((r) => r.used_mb),
        peak_rss_mb: pick((r) => r.peak_rss_mb),
        answers: [...new Set(rs.map((r) => JSON.stringify(r.answers)))]
      }
    ];
  })
);
// per repetition, each variant's rebuild CPU over the first variant's in the same repetition
const ratios = Object.fromEntries(
  variants.slice(1).map((variant) => [
    variant,
    {
      rebuild_cpu: median(runs[variant]!.map((r, i) => r.rebuild_cpu_ms / runs[variants[0]!]![i]!.rebuild_cpu_ms)).toFixed(2),
      ingest_cpu: median(runs[variant]!.map((r, i) => r.ingest_cpu_ms / runs[variants[0]!]![i]!.ingest_cpu_ms)).toFixed(2)
    }
  ])
);
console.log(
  JSON.stringify(
    {
      dir: values.dir,
      reps: Number(values.reps),
      load_average_at_start: load,
      load_average_at_end: loadavg()
        .map((x) => x.toFixed(1))
        .join(' '),
      summary,
      ratios_to_first: ratios
    },
    null,
    2
  )
);
