// One core model as this tree writes it against the same model at a git revision, on a database
// whose models are built (bench/rebuild-profile.ts leaves one in bench/out/rebuild-profile.duckdb):
// each built as a table in turn --reps times (same run, same load), medians, the ratio per
// repetition, and the row-for-row check that both give the same rows (EXCEPT ALL both ways).
// Times are wall and CPU (the process's user + system time: DuckDB's threads run in it), since on a
// shared machine the CPU a statement needs varies far less than its wall time.
// npx tsx bench/model-compare.ts --model balance_segments [--db bench/out/rebuild-profile.duckdb] [--reference main]
//   [--candidate FILE (default sql/core/<model>.sql)] [--reps 3]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    db: { type: 'string', default: 'bench/out/rebuild-profile.duckdb' },
    reference: { type: 'string', default: 'main' },
    candidate: { type: 'string' },
    reps: { type: 'string', default: '3' }
  }
});
const model = values.model;
if (!model || !/^\w+$/.test(model)) throw new Error('--model NAME of a file in sql/core is required');
const body = (sql: string) => sql.trim().replace(/;\s*$/, '');
const variants = {
  reference: body(execFileSync('git', ['show', `${values.reference}:sql/core/${model}.sql`], { encoding: 'utf8' })),
  current: body(readFileSync(values.candidate ?? `sql/core/${model}.sql`, 'utf8'))
};
const instance = await DuckDBInstance.create(values.db);
const connection = await instance.connect();
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const times: Record<string, number[]> = { reference: [], current: [] };
const cpu: Record<string, number[]> = { reference: [], current: [] };
for (let rep = 0; rep < Number(values.reps); rep++) {
  for (const [name, sql] of Object.entries(variants)) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await connection.run(`create or replace table compare_${name} as ${sql}`);
    times[name]!.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu[name]!.push((used.user + used.system) / 1000);
  }
}
const count = async (sql: string) => Number((await connection.runAndReadAll(`select count(*)::bigint from (${sql})`)).getRows()[0]![0]);
const onlyIn = {
  reference: await count('select * from compare_reference except all select * from compare_current'),
  current: await count('select * from compare_current except all select * from compare_reference')
};
const rows = await count('select * from compare_current');
await connection.run('drop table compare_reference; drop table compare_current');
connection.closeSync();
instance.closeSync();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify(
    {
      model,
      reference: values.reference,
      reps: Number(values.reps),
      load_average_at_start: load,
      rows,
      rows_only_in: onlyIn,
      median_ms: { reference: Math.round(median(times.reference!)), current: Math.round(median(times.current!)) },
      ms: { reference: times.reference!.map(Math.round), current: times.current!.map(Math.round) },
      median_cpu_ms: { reference: Math.round(median(cpu.reference!)), current: Math.round(median(cpu.current!)) },
      median_ratio: Number(median(times.current!.map((t, i) => t / times.reference![i]!)).toFixed(2))
    },
    null,
    2
  )
);
