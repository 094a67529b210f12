// npx tsx bench/refresh-time.ts --db FILE [--runs N]
// Rebuilds every model of this tree's sql/ on an already loaded database N times and prints one
// JSON line: the total of each run (wall, and CPU of the process: DuckDB's threads run in it) and
// each model's time of each run (ms). bench/refresh-compare.ts
// runs it in two trees in turn to compare two versions of the models on the same data.
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { applySchema, refreshModels } from '../server/models.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '1' } } });
if (!values.db) throw new Error('--db FILE is required');

const db = await Database.open(values.db);
const totals: number[] = [];
const cpu: number[] = [];
const models: Record<string, number[]> = {};
try {
  await db.write((connection) => applySchema(connection));
  for (let run = 0; run < Number(values.runs); run++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await db.write((connection) => refreshModels(connection, { onModel: (name, ms) => (models[name] ??= []).push(Math.round(ms)) }));
    totals.push(Math.round(performance.now() - started));
    const used = process.cpuUsage(cpuBefore);
    cpu.push(Math.round((used.user + used.system) / 1000));
  }
} finally {
  db.close();
}
process.stdout.write(JSON.stringify({ totals, cpu, models }) + '\n');
