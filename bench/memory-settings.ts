// Peak RSS of a full model rebuild under DuckDB settings that bound the memory it holds outside its
// buffer pool, alternated in one run on one database (issue 12 item 5: peak RSS ≤ 2 GB at 10 M).
// Each (variant, repetition) runs in its own process (bench/alternated-runs.ts), so its peak RSS is
// its own: the process opens the file with the variant's settings, rebuilds every core model whole
// (refreshModels), and reports wall and CPU time and its peak RSS (getrusage's maxrss, which counts
// DuckDB's memory: it runs in the process).
// npx tsx bench/memory-settings.ts --db FILE [--reps 2] [--variants duckdb-defaults,radar,...]
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { applySchema, refreshModels } from '../server/models.ts';
import { alternatedRuns } from './alternated-runs.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    reps: { type: 'string', default: '2' },
    variants: { type: 'string', default: 'duckdb-defaults,radar' },
    child: { type: 'string' }
  }
});
if (!values.db) throw new Error('--db FILE is required');

// Database.open sets BOUNDED_OUTSIDE_THE_LIMIT (server/db.ts) and the memory limit of server/config.ts;
// a variant's settings override them. duckdb-defaults puts back what DuckDB 1.5.6 has unset.
const DUCKDB_DEFAULTS = {
  write_buffer_row_group_memory_limit: '1.2GiB',
  allocator_flush_threshold: '128MiB',
  allocator_background_threads: 'false'
};
const VARIANTS: Record<string, Record<string, string>> = {
  'duckdb-defaults': { ...DUCKDB_DEFAULTS, memory_limit: '2.5GB' },
  // DuckDB 1.5 buffers up to this much of a table being written (row groups) before it flushes them
  'small-write-buffer': { ...DUCKDB_DEFAULTS, memory_limit: '2.5GB', write_buffer_row_group_memory_limit: '128MB' },
  'small-write-buffer+flush': { memory_limit: '2.5GB' },
  'limit-1.5GB+small-write-buffer': { ...DUCKDB_DEFAULTS, memory_limit: '1.5GB', write_buffer_row_group_memory_limit: '128MB' },
  'limit-1.5GB+small-write-buffer+flush': { memory_limit: '1.5GB' },
  'limit-1GB+small-write-buffer+flush': { memory_limit: '1GB' },
  'limit-1.2GB+small-write-buffer+flush': { memory_limit: '1.2GB' },
  // what Database.open sets today
  radar: {}
};

interface Run {
  wall_ms: number;
  cpu_ms: number;
  peak_rss_mb: number;
}

async function rebuild(variant: string): Promise<Run> {
  const settings = VARIANTS[variant];
  if (!settings) throw new Error(`--variants: no variant ${variant} (one of ${Object.keys(VARIANTS).join(', ')})`);
  const db = await Database.open(values.db!, { settings });
  const started = performance.now();
  const cpu = process.cpuUsage();
  await db.write((connection) => applySchema(connection));
  await db.write((connection) => refreshModels(connection));
  const used = process.cpuUsage(cpu);
  const run = {
    wall_ms: Math.round(performance.now() - started),
    cpu_ms: Math.round((used.user + used.system) / 1000),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024)
  };
  db.close();
  return run;
}

if (values.child) {
  process.stdout.write(JSON.stringify(await rebuild(values.child)) + '\n');
} else {
  const variants = values.variants!.split(',');
  const runs = alternatedRuns<Run>(variants, Number(values.reps), ['--db', values.db, '--variants', values.variants!]);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = Object.fromEntries(
    variants.map((variant) => [
      variant,
      Object.fromEntries((['wall_ms', 'cpu_ms', 'peak_rss_mb'] as const).map((key) => [key, median(runs[variant]!.map((r) => r[key]))]))
    ])
  );
  process.stdout.write(
    JSON.stringify({ db: values.db, reps: Number(values.reps), settings: VARIANTS, runs, median: summary }, null, 1) + '\n'
  );
}
