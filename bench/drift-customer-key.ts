// Does an integer customer key make drift for an unprepared date faster? drift() partitions and
// sorts every window by customer_id, a VARCHAR ('C00001'). A copy of the database gets
// invoice_pay_dates with customer_id replaced by a dense integer (the only table drift reads
// customers from), and drift(date) runs on both files alternately, in one process: wall and CPU
// (user + system: DuckDB's threads run in the process), medians, and whether the scores agree.
// npx tsx bench/drift-customer-key.ts --db FILE [--date 2026-06-17] [--runs 3]
import { copyFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Database, queryRows } from '../server/db.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, date: { type: 'string', default: '2026-06-17' }, runs: { type: 'string', default: '3' } }
});
const varcharFile = values.db!;
const integerFile = `${varcharFile}.integer-key.duckdb`;
['', '.wal'].forEach((suffix) => rmSync(integerFile + suffix, { force: true }));
copyFileSync(varcharFile, integerFile);
{
  const db = await Database.open(integerFile);
  await db.write((c) =>
    c.run(`create or replace table invoice_pay_dates as
      select * replace (k.customer_key as customer_id)
      from invoice_pay_dates
      join (select customer_id, (row_number() over (order by customer_id))::integer as customer_key
            from (select distinct customer_id from invoice_pay_dates)) as k using (customer_id)`)
  );
  db.close();
}

const files = { varchar: varcharFile, integer: integerFile };
// straight to DuckDB on a connection of each file: Database.read would keep the first answer
const databases = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([k, f]) => [k, await Database.open(f)] as const)));
const connections = Object.fromEntries(
  await Promise.all(Object.entries(databases).map(async ([k, db]) => [k, await db.connect()] as const))
);
const times: Record<string, { wall: number; cpu: number }[]> = { varchar: [], integer: [] };
const answers: Record<string, string> = {};
for (let run = 0; run < Number(values.runs); run++) {
  for (const [key, connection] of Object.entries(connections)) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    // the scores are rounded to 0.1 in the mart: their sum and the flags compare exactly
    const [row] = await queryRows(
      connection,
      `select count(*)::integer as customers, sum(score)::decimal(18, 1)::varchar as scores, count_if(flagged)::integer as flagged from drift($1::date)`,
      [values.date!]
    );
    const used = process.cpuUsage(cpu);
    times[key]!.push({ wall: Math.round(performance.now() - started), cpu: Math.round((used.user + used.system) / 1000) });
    answers[key] = JSON.stringify(row);
  }
}
Object.values(connections).forEach((c) => c.closeSync());
Object.values(databases).forEach((db) => db.close());
['', '.wal'].forEach((suffix) => rmSync(integerFile + suffix, { force: true }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify({
    date: values.date,
    runs: times,
    median_wall_ms: { varchar: median(times.varchar!.map((t) => t.wall)), integer: median(times.integer!.map((t) => t.wall)) },
    median_cpu_ms: { varchar: median(times.varchar!.map((t) => t.cpu)), integer: median(times.integer!.map((t) => t.cpu)) },
    same_answer: answers.varchar === answers.integer,
    answer: answers.varchar
  })
);
