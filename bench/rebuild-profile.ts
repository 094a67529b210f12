// Where a full model rebuild spends its time: a generated ledger loaded straight into a database
// file (no ingestion), then the rebuild --reps times with each model's time, the median per model,
// and DuckDB's profiler (EXPLAIN ANALYZE) of the slowest core models written to
// bench/out/profile/<model>.txt. npx tsx bench/rebuild-profile.ts [--dir bench/out/ledger-1000000] [--reps 3] [--explain 5]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { applySchema, coreModelStatement, refreshModels } from '../server/models.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'bench/out/ledger-1000000' },
    db: { type: 'string', default: 'bench/out/rebuild-profile.duckdb' },
    reps: { type: 'string', default: '3' },
    explain: { type: 'string', default: '5' }
  }
});
const dir = resolve(values.dir);
const dbPath = resolve(values.db);
['', '.wal', '.tmp'].forEach((s) => rmSync(dbPath + s, { recursive: true, force: true }));
const TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates'];
const db = await Database.open(dbPath);
await db.write(async (connection) => {
  await applySchema(connection);
  await connection.run("insert into loads values (1, current_timestamp, 'invoices', 'generated', 'invoices', 0, false, null)");
  for (const table of TABLES) {
    const path = join(dir, `${table}.csv`).replace(/'/g, "''");
    try {
      await connection.run(
        `insert into ${table} by name select *, 1 as load_id, '${table}.csv' as source_file, 0 as source_row from read_csv('${path}', header = true)`
      );
    } catch (error) {
      if (!/No files found/.test(String(error))) throw error;
    }
  }
});
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const totals: number[] = [];
const perModel: Record<string, number[]> = {};
for (let rep = 0; rep < Number(values.reps); rep++) {
  const started = performance.now();
  await db.write((c) => refreshModels(c, { onModel: (name, ms) => (perModel[name] ??= []).push(ms) }));
  totals.push(performance.now() - started);
  process.stderr.write(`rebuild ${rep}: ${totals.at(-1)!.toFixed(0)} ms\n`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const models = Object.entries(perModel)
  .map(([name, ms]) => [name, Math.round(median(ms))] as const)
  .sort((a, b) => b[1] - a[1]);
const profileDir = resolve('bench/out/profile');
mkdirSync(profileDir, { recursive: true });
await db.write(async (connection) => {
  for (const [name] of models.slice(0, Number(values.explain))) {
    const statement = coreModelStatement(name);
    if (!statement) continue;
    const reader = await connection.runAndReadAll(`explain analyze ${statement.replace(/^create or replace table \w+ as\s*/, '')}`);
    writeFileSync(
      join(profileDir, `${name}.txt`),
      reader
        .getRows()
        .map((row) => String(row[1]))
        .join('\n')
    );
  }
});
db.close();
console.log(
  JSON.stringify(
    {
      dir,
      reps: Number(values.reps),
      load_average_at_start: load,
      rebuild_median_ms: Math.round(median(totals)),
      rebuilds_ms: totals.map(Math.round),
      models_median_ms: Object.fromEntries(models)
    },
    null,
    2
  )
);
