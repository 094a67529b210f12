// npx tsx bench/book-models.ts --db FILE [--reference REV] [--reps 5]
// What keeping the daily facts per collector's book costs a full rebuild: the core models that
// changed for it (daily_position_changes, daily_positions, daily_aging_changes, daily_aging,
// recovered_by_days_past_due, recovered_by_calendar_period), built as temp tables in order from
// the same inputs, once with this tree's SQL and once with the reference revision's, alternated rep
// by rep in one process so both meet the same machine load (a whole rebuild varied 19–78 s from
// round to round on the shared machine). Prints the median wall and CPU ms per model and version.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, reference: { type: 'string', default: 'd54a7ef' }, reps: { type: 'string', default: '5' } }
});
const dbFile = values.db;
if (!dbFile) throw new Error('--db FILE is required (a database with built models, e.g. the one bench/rebuild-profile.ts writes)');

const CHAIN = [
  'daily_position_changes',
  'daily_positions',
  'daily_aging_changes',
  'daily_aging',
  'recovered_by_days_past_due',
  'recovered_by_calendar_period'
];
const sqlOf = (version: 'current' | 'reference', model: string) => {
  const text =
    version === 'current'
      ? readFileSync(`sql/core/${model}.sql`, 'utf8')
      : execFileSync('git', ['show', `${values.reference}:sql/core/${model}.sql`], { encoding: 'utf8' });
  // a model of the chain reads the chain's own version of the models before it
  return CHAIN.reduce(
    (sql, other) => sql.replace(new RegExp(`\\b${other}\\b`, 'g'), `bench_${version}_${other}`),
    text.replace(/^--.*$/gm, '')
  );
};

const db = await Database.open(dbFile);
const times: Record<string, { wall: number[]; cpu: number[] }> = {};
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
await db.write(async (connection) => {
  for (let rep = 0; rep < Number(values.reps); rep++) {
    for (const version of rep % 2 ? (['reference', 'current'] as const) : (['current', 'reference'] as const)) {
      for (const model of CHAIN) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        await connection.run(`create or replace temp table bench_${version}_${model} as ${sqlOf(version, model)}`);
        const used = process.cpuUsage(cpu);
        const entry = (times[`${version} ${model}`] ??= { wall: [], cpu: [] });
        entry.wall.push(performance.now() - started);
        entry.cpu.push((used.user + used.system) / 1000);
      }
    }
    process.stderr.write(`rep ${rep + 1} done\n`);
  }
  for (const version of ['current', 'reference'])
    for (const model of CHAIN) await connection.run(`drop table if exists bench_${version}_${model}`);
});
db.close();
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const models = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { wall_ms: median(v.wall), cpu_ms: median(v.cpu) }]));
const total = (version: string, kind: 'wall_ms' | 'cpu_ms') => CHAIN.reduce((sum, m) => sum + models[`${version} ${m}`]![kind], 0);
process.stdout.write(
  JSON.stringify(
    {
      reference: values.reference,
      reps: Number(values.reps),
      load_average_at_start: load,
      chain_ms: {
        current: { wall: total('current', 'wall_ms'), cpu: total('current', 'cpu_ms') },
        reference: { wall: total('reference', 'wall_ms'), cpu: total('reference', 'cpu_ms') }
      },
      ratio_wall: +(total('current', 'wall_ms') / total('reference', 'wall_ms')).toFixed(2),
      ratio_cpu: +(total('current', 'cpu_ms') / total('reference', 'cpu_ms')).toFixed(2),
      models
    },
    null,
    1
  ) + '\n'
);
