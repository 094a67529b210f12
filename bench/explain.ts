// npx tsx bench/explain.ts --db PATH [--top 25] [--json FILE] [--warm N] [--macros] "SQL"
// DuckDB's profiler on one query over a database file: the wall time, then the operators that took
// the most time (operator_timing, summed over threads) with their rows and what they do, to see
// where a mart's time goes without guessing. --json keeps the profiler's whole tree. --warm N runs
// the query N times first (unprofiled), so the profile is of a warm run, not of reading the file.
// A file keeps the macros it was built with: --macros defines this tree's sql/macros and its drift,
// worklist and forecast marts in it first, so the profile is of those.
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../server/db.ts';
import { SQL_DIR } from '../server/models.ts';
import { riskFiles, runInAnyOrder } from './reference-models.ts';

const { values, positionals } = parseArgs({
  options: {
    db: { type: 'string' },
    top: { type: 'string', default: '25' },
    json: { type: 'string' },
    warm: { type: 'string', default: '0' },
    macros: { type: 'boolean', default: false }
  },
  allowPositionals: true
});
interface Node {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: Node[];
  latency?: number;
}
const out = values.json ?? join(tmpdir(), `explain-${process.pid}.json`);
const db = await Database.open(values.db!);
const connection = await db.connect();
if (values.macros) {
  const files = riskFiles(['macros', 'marts'].flatMap((layer) => readdirSync(join(SQL_DIR, layer)).map((file) => `${layer}/${file}`)));
  await runInAnyOrder(
    connection,
    files.map((file) => readFileSync(join(SQL_DIR, file), 'utf8'))
  );
}
for (let i = 0; i < Number(values.warm); i++) await connection.run(positionals[0]);
await connection.run(`pragma enable_profiling = 'json'`);
await connection.run(`pragma profiling_output = '${out.replace(/'/g, "''")}'`);
const started = performance.now();
await connection.run(positionals[0]);
const wall = performance.now() - started;
await connection.run('pragma disable_profiling');
const tree = JSON.parse(readFileSync(out, 'utf8')) as Node;
const flat: { name: string; seconds: number; rows: number; info: string; depth: number }[] = [];
const walk = (node: Node, depth: number) => {
  if (node.operator_name) {
    const info = Object.entries(node.extra_info ?? {})
      .map(([k, v]) => `${k}=${String(v).replace(/\s+/g, ' ').slice(0, 160)}`)
      .join('; ');
    flat.push({ name: node.operator_name, seconds: node.operator_timing ?? 0, rows: node.operator_cardinality ?? 0, info, depth });
  }
  for (const child of node.children ?? []) walk(child, depth + 1);
};
walk(tree, 0);
const total = flat.reduce((s, o) => s + o.seconds, 0);
process.stdout.write(`wall ${Math.round(wall)} ms; operators ${total.toFixed(2)} s summed over threads\n`);
for (const o of [...flat].sort((a, b) => b.seconds - a.seconds).slice(0, Number(values.top))) {
  process.stdout.write(`${o.seconds.toFixed(3).padStart(8)} s ${String(o.rows).padStart(9)} rows  d${o.depth} ${o.name}  ${o.info}\n`);
}
connection.closeSync();
db.close();
