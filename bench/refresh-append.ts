// Appending a week to a ledger: the refresh of only what the week touched (server/refresh/) against a
// full rebuild of the same data, in one run. A generated ledger (data/generate.ts) is split at its
// last week (bench/ledger-split.ts); the history goes straight into a database file and is built
// whole; then, --reps times: the week's four files are loaded (ingestFiles, validated) and the
// models refreshed for them (timed), the same data rebuilt whole (timed), and the week's loads
// undone and refreshed for (timed). Wall and CPU time (the process's: DuckDB's threads run in it),
// the ratio append ÷ full per repetition, peak RSS; --check compares every core table after a last
// append with a full rebuild, row for row.
// --history-loaded reuses a --db that a run before left with the history in it and its models up to
// date (the history's load and first full rebuild take most of a 10 M run), and --no-full leaves out
// the full rebuilds (then no ratio). Each refresh logs its steps beside its models: the touched rows,
// the scopes, the old parts of the summed models, the commit.
// npx tsx bench/refresh-append.ts [--dir bench/out/ledger-1000000] [--db bench/out/refresh-append.duckdb] [--reps 3] [--check] [--history-loaded] [--no-full]
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Database, queryRows } from '../server/db.ts';
import { ingestFiles, undoLoad } from '../server/ingest/index.ts';
import { applySchema, coreTableNames, modelsUpToDate, refreshModels, type RefreshOptions } from '../server/models.ts';
import { LEDGER_TABLES, splitLedger, WEEK_TABLES } from './ledger-split.ts';
import { compareTables } from './table-compare.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'bench/out/ledger-1000000' },
    db: { type: 'string', default: 'bench/out/refresh-append.duckdb' },
    reps: { type: 'string', default: '3' },
    check: { type: 'boolean', default: false },
    'history-loaded': { type: 'boolean', default: false },
    'no-full': { type: 'boolean', default: false }
  }
});
const dir = resolve(values.dir);
const split = `${dir}-split`;
const dbPath = resolve(values.db);
const log = (message: string) => process.stderr.write(`[refresh-append] ${message}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Timed<T> {
  wall: number;
  cpu: number;
  result: T;
}
async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpuBefore);
  return { wall: Math.round(performance.now() - started), cpu: Math.round((used.user + used.system) / 1000), result };
}

// the last week: from six days before the last invoice date
const probe = await Database.open(':memory:');
const [{ last }] = await probe.read<{ last: string }>(
  `select strftime(max(invoice_date::date), '%Y-%m-%d') as last from read_csv($1, header = true)`,
  [join(dir, 'invoices.csv')]
);
probe.close();
const cut = new Date(Date.parse(last) - 6 * 86_400_000).toISOString().slice(0, 10);
if (!existsSync(join(split, 'week-invoices.csv'))) {
  mkdirSync(split, { recursive: true });
  await splitLedger(dir, split, cut);
}

const historyLoaded = values['history-loaded'];
if (!historyLoaded) ['', '.wal', '.tmp'].forEach((s) => rmSync(dbPath + s, { recursive: true, force: true }));
const db = await Database.open(dbPath);
if (historyLoaded && !(await db.write((c) => modelsUpToDate(c))))
  throw new Error(`--history-loaded: the models of ${dbPath} are not up to date`);
if (!historyLoaded)
  await db.write(async (connection) => {
    await applySchema(connection);
    for (const table of LEDGER_TABLES) {
      const path = join(split, `${table}.csv`).replace(/'/g, "''");
      const [{ id }] = await queryRows<{ id: number }>(connection, "select nextval('load_id_seq')::integer as id");
      await connection.run(`insert into loads values (${id}, current_timestamp, '${table}', '${table}.csv', '${table}', 0, false, null)`);
      await connection.run(
        `insert into ${table} by name select *, ${id} as load_id, '${table}.csv' as source_file, 0 as source_row from read_csv('${path}', header = true)`
      );
    }
  });
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const noTime: Timed<string> = { wall: 0, cpu: 0, result: 'not run' };
const full = () => (values['no-full'] ? Promise.resolve(noTime) : timed(() => db.write((c) => refreshModels(c))));
// a refresh's commit writes DuckDB's log only; the server checkpoints after the write has ended
// (Database's checkpointPastBytes): timed here on its own, right after each refresh
const checkpoint = () => timed(() => db.write((c) => c.run('checkpoint').then(() => 'checkpoint')));
const first = historyLoaded ? noTime : await full();
if (!historyLoaded) await checkpoint();
log(`first full rebuild ${first.wall} ms (cpu ${first.cpu} ms)`);
/** The process's CPU time (ms) since the last call: each step's and model's share, robust to the machine's load. */
function cpuSince(): () => number {
  let last = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(last);
    last = process.cpuUsage();
    return Math.round((used.user + used.system) / 1000);
  };
}
type Timings = { wall: Record<string, number>; cpu: Record<string, number>; models: Set<string>; share: () => number };
const newTimings = (): Timings => ({ wall: {}, cpu: {}, models: new Set(), share: cpuSince() });
const stepsOf =
  (t: Timings): RefreshOptions['onStep'] =>
  (step, ms) => {
    t.wall[step] = Math.round(ms);
    t.cpu[step] = t.share();
  };
const modelsOf =
  (t: Timings): RefreshOptions['onModel'] =>
  (name, ms) => {
    t.wall[name] = Math.round(ms);
    t.cpu[name] = t.share();
    t.models.add(name);
  };
/** Wall and CPU of the scopes (every 'scopes: …' step), the models, the old parts and the commit. */
function summary(t: Timings): Record<string, [number, number]> {
  const parts: Record<string, [number, number]> = {};
  for (const [name, wall] of Object.entries(t.wall)) {
    const part = name.startsWith('scopes:') ? 'scopes' : t.models.has(name) ? 'models' : name;
    const [w, c] = parts[part] ?? [0, 0];
    parts[part] = [w + wall, c + t.cpu[name]!];
  }
  return parts;
}

const weekFiles = WEEK_TABLES.map((t) => ({ path: join(split, `week-${t}.csv`), name: `week-${t}.csv` }));
async function appendWeek(): Promise<{
  ingest: Timed<number[]>;
  refresh: Timed<string>;
  checkpointed: Timed<string>;
  parts: Record<string, [number, number]>;
  rows: number;
}> {
  let upToDate = false;
  const ingest = await timed(() =>
    db.write(async (c) => {
      upToDate = await modelsUpToDate(c);
      const result = await ingestFiles(c, weekFiles);
      if (result.rejected.length) throw new Error(`week rejected: ${JSON.stringify(result.rejected[0])}`);
      return result.loadIds;
    })
  );
  const change: RefreshOptions['change'] = { arrivedLoads: ingest.result, modelsWereUpToDate: upToDate };
  const t = newTimings();
  const refresh = await timed(() =>
    db.write((c) => {
      t.share();
      return refreshModels(c, { change, onModel: modelsOf(t), onStep: stepsOf(t) });
    })
  );
  const wal = statSync(`${dbPath}.wal`, { throwIfNoEntry: false })?.size ?? 0;
  log(`the log (WAL) after the append's refresh: ${wal} bytes`);
  const checkpointed = await checkpoint();
  log(`append refresh, wall per step and model (ms): ${JSON.stringify(t.wall)}`);
  log(`append refresh, CPU per step and model (ms): ${JSON.stringify(t.cpu)}`);
  log(`append refresh, [wall, CPU] by part (ms): ${JSON.stringify(summary(t))}`);
  log(`checkpoint after the append's refresh: ${checkpointed.wall} ms (cpu ${checkpointed.cpu} ms)`);
  const [{ rows }] = await db.read<{ rows: number }>(
    `select sum(rows_loaded)::integer as rows from loads where load_id in (${ingest.result.join(', ')})`
  );
  return { ingest, refresh, checkpointed, parts: summary(t), rows };
}
async function undoWeek(loadIds: number[]): Promise<Timed<string>> {
  return timed(() =>
    db.write(async (c) => {
      const upToDate = await modelsUpToDate(c);
      for (const id of loadIds) await undoLoad(c, id);
      const t = newTimings();
      const kind = await refreshModels(c, {
        change: { arrivedLoads: [], modelsWereUpToDate: upToDate },
        onStep: stepsOf(t),
        onModel: modelsOf(t)
      });
      log(`undo refresh, [wall, CPU] by part (ms): ${JSON.stringify(summary(t))}`);
      return kind;
    })
  ).finally(() => checkpoint());
}

const reps: {
  append_ms: number;
  append_cpu_ms: number;
  append_checkpoint_ms: number;
  append_checkpoint_cpu_ms: number;
  append_parts: Record<string, [number, number]>;
  kind: string;
  full_ms: number;
  full_cpu_ms: number;
  full_checkpoint_ms: number;
  full_checkpoint_cpu_ms: number;
  undo_ms: number;
  undo_kind: string;
  ratio: number;
  cpu_ratio: number;
}[] = [];
let weekRows = 0;
for (let rep = 0; rep < Number(values.reps); rep++) {
  const { ingest, refresh, checkpointed, parts, rows } = await appendWeek();
  weekRows = rows;
  const rebuild = await full();
  const rebuildCheckpointed = values['no-full'] ? noTime : await checkpoint();
  const undone = await undoWeek(ingest.result);
  reps.push({
    append_ms: refresh.wall,
    append_cpu_ms: refresh.cpu,
    append_checkpoint_ms: checkpointed.wall,
    append_checkpoint_cpu_ms: checkpointed.cpu,
    append_parts: parts,
    kind: refresh.result,
    full_ms: rebuild.wall,
    full_cpu_ms: rebuild.cpu,
    full_checkpoint_ms: rebuildCheckpointed.wall,
    full_checkpoint_cpu_ms: rebuildCheckpointed.cpu,
    undo_ms: undone.wall,
    undo_kind: undone.result,
    ratio: +(refresh.wall / rebuild.wall).toFixed(4),
    cpu_ratio: +(refresh.cpu / rebuild.cpu).toFixed(4)
  });
  log(
    `rep ${rep}: week ingest ${ingest.wall} ms; refresh ${refresh.wall} ms (${refresh.result}); full ${rebuild.wall} ms; undo ${undone.wall} ms (${undone.result})`
  );
}

let check: { differing: string[]; tables: number } | null = null;
if (values.check) {
  await appendWeek();
  check = await db.write(async (connection: DuckDBConnection) => {
    await connection.run('create or replace schema patched');
    for (const table of coreTableNames()) await connection.run(`create table patched.${table} as select * from main.${table}`);
    await refreshModels(connection);
    const compared = await compareTables(connection, 'patched', 'main', coreTableNames());
    await connection.run('drop schema patched cascade');
    return { differing: compared.filter((t) => t.differs || t.missing).map((t) => t.table), tables: compared.length };
  });
}
const [{ invoices }] = await queryRows<{ invoices: number }>(await db.connect(), 'select count(*)::integer as invoices from invoices');
db.close();
console.log(
  JSON.stringify(
    {
      dir,
      cut,
      invoices,
      week_rows: weekRows,
      load_average_at_start: load,
      first_full_ms: first.wall,
      median: {
        append_refresh_ms: median(reps.map((r) => r.append_ms)),
        full_rebuild_ms: median(reps.map((r) => r.full_ms)),
        undo_refresh_ms: median(reps.map((r) => r.undo_ms)),
        ratio: median(reps.map((r) => r.ratio)),
        cpu_ratio: median(reps.map((r) => r.cpu_ratio))
      },
      reps,
      check,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024)
    },
    null,
    1
  )
);
