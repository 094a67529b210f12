// npx tsx bench/forecast-model-cpu.ts --db PATH [--reference main] [--as-of 2026-11-22] [--runs 3]
// The pay-date model alone (select count(*), count(week) from forecast_model(as_of, 13)), this tree's
// against a git revision's (its forecast macros renamed <name>_ref), alternating in one process after
// one unmeasured round: CPU time of the process (DuckDB's threads included), medians and their ratio.
// A lighter check than bench/forecast-parts.ts (which also times the report) on a loaded machine. The
// database's core tables must be up to date (bench/forecast-perf.ts builds them).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { applyReadModels } from '../server/models.ts';
import { defineReferenceModels } from './reference-models.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    reference: { type: 'string', default: 'main' },
    'as-of': { type: 'string', default: '2026-11-22' },
    runs: { type: 'string', default: '3' }
  }
});
if (!values.db) throw new Error('--db PATH: a database with its core tables built');
const asOf = values['as-of'];
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('--as-of: expected YYYY-MM-DD');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs: a positive integer');

const db = await Database.open(values.db);
await db.write(async (connection) => {
  await applyReadModels(connection);
  await defineReferenceModels(connection, values.reference);
});
const connection = await db.connect();
const cpu: Record<string, number[]> = { current: [], reference: [] };
const startLoad = loadavg();
for (let round = 0; round <= runs; round++) {
  for (const [name, suffix] of [
    ['current', ''],
    ['reference', '_ref']
  ] as const) {
    const before = process.cpuUsage();
    await connection.runAndReadAll(`select count(*), count(week) from forecast_model${suffix}($1::date, 13)`, [asOf]);
    const used = process.cpuUsage(before);
    if (round > 0) cpu[name].push(Math.round((used.user + used.system) / 1000));
  }
}
connection.closeSync();
db.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
process.stdout.write(
  JSON.stringify({
    as_of: asOf,
    reference: values.reference,
    cpu_ms: cpu,
    current_median_cpu_ms: median(cpu.current),
    reference_median_cpu_ms: median(cpu.reference),
    current_over_reference: Number((median(cpu.current) / median(cpu.reference)).toFixed(2)),
    load_average: [startLoad, loadavg()].map((l) => l.map((x) => Number(x.toFixed(1))))
  }) + '\n'
);
