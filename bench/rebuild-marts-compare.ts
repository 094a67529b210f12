// npx tsx bench/rebuild-marts-compare.ts --db FILE [--reference main] [--rounds 2] [--no-marts]
// The whole model rebuild of this tree against that of a git revision, for a rewrite that changes
// the shape of core tables but must change no figure. Both trees rebuild their own copy of one
// loaded database (bench/rebuild-profile.ts leaves one; built by the reference, whose models cannot
// replace a view by a table) in turn, --rounds times, order reversed
// every other round (bench/refresh-time.ts: wall and CPU of the process, each model's time); then
//   - every core relation of the reference (table or view) is compared with this tree's relation of
//     that name on the reference's columns (EXCEPT ALL both ways, row counts, column types), and the
//     columns this tree dropped or added are listed;
//   - the marts (kpis, aging, period, series, drift, worklist, forecast, customers, promises ...)
//     are queried at several as-of dates on each database, with its own macros, and the rows compared
//     (each query ordered by all its columns): exactly, but for DOUBLE columns, which agree to 1e-9
//     of their size (a DOUBLE sum's last bits change from run to run on one database: drift's
//     signal 7.1e-16 or 0, a forecast's variance ...9906 or ...9905).
// Prints one JSON document; exits 1 when a mart answer or a kept column differs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { extractTree, timeRebuild, type RebuildTiming } from './reference-tree.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    reference: { type: 'string', default: 'main' },
    rounds: { type: 'string', default: '2' },
    'no-marts': { type: 'boolean', default: false },
    work: { type: 'string', default: tmpdir() }
  }
});
if (!values.db) throw new Error('--db FILE is required (a loaded database, e.g. bench/out/rebuild-profile.duckdb)');

const here = resolve('.');
const work = mkdtempSync(join(values.work!, 'radar-rebuild-marts-'));
const other = extractTree(values.reference!, join(work, 'tree'), ['refresh-time.ts']);

const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const trees = { reference: other, current: here } as const;
type Side = keyof typeof trees;
const dbs: Record<Side, string> = { reference: join(work, 'reference.duckdb'), current: join(work, 'current.duckdb') };
for (const side of Object.keys(dbs) as Side[]) copyFileSync(resolve(values.db), dbs[side]);
const rebuild = (side: Side) => timeRebuild(trees[side], dbs[side]);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Row = Record<string, unknown>;
const rows = async (connection: DuckDBConnection, sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];

try {
  const runs: Record<Side, RebuildTiming[]> = { reference: [], current: [] };
  for (let round = 0; round < Number(values.rounds); round++) {
    const order: Side[] = round % 2 === 0 ? ['reference', 'current'] : ['current', 'reference'];
    for (const side of order) {
      runs[side].push(rebuild(side));
      process.stderr.write(`round ${round} ${side}: ${runs[side].at(-1)!.totals[0]} ms, CPU ${runs[side].at(-1)!.cpu[0]} ms\n`);
    }
  }
  const perModel = (side: Side) => {
    const names = Object.keys(runs[side][0]!.models);
    return Object.fromEntries(
      names
        .map((name) => [name, median(runs[side].map((run) => run.models[name]![0]!))] as const)
        .filter(([, ms]) => ms >= 50)
        .sort((a, b) => b[1] - a[1])
    );
  };

  // core relations: the reference's, on its columns
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`attach '${dbs.reference}' as reference (read_only); attach '${dbs.current}' as current (read_only)`);
  const coreNames = execFileSync('git', ['ls-tree', '--name-only', `${values.reference}:sql/core`], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.replace(/\.sql$/, ''));
  const columns = async (db: string, relation: string) =>
    (
      await rows(
        connection,
        `select column_name, data_type from duckdb_columns() where database_name = '${db}' and table_name = '${relation}'`
      )
    ).map((r) => `${r.column_name} ${r.data_type}`);
  const core = [];
  for (const name of coreNames) {
    const [a, b] = [await columns('reference', name), await columns('current', name)];
    if (a.length === 0) continue;
    const kept = a.filter((c) => b.includes(c)).map((c) => `"${c.split(' ')[0]}"`);
    const only = async (x: string, y: string) =>
      Number(
        (
          await rows(connection, `select count(*) as n from (select ${kept} from ${x}.${name} except all select ${kept} from ${y}.${name})`)
        )[0]!.n
      );
    const count = async (x: string) => Number((await rows(connection, `select count(*) as n from ${x}.${name}`))[0]!.n);
    const entry = {
      relation: name,
      rows: { reference: await count('reference'), current: b.length ? await count('current') : 0 },
      only_in: b.length ? { reference: await only('reference', 'current'), current: await only('current', 'reference') } : null,
      columns_dropped: a.filter((c) => !b.includes(c)),
      columns_added: b.filter((c) => !a.includes(c))
    };
    core.push({
      ...entry,
      differs: !entry.only_in || entry.only_in.reference + entry.only_in.current > 0 || entry.rows.reference !== entry.rows.current
    });
  }
  connection.closeSync();
  instance.closeSync();

  // the marts, each database with its own macros
  const marts = { queries: 0, differing: [] as string[] };
  if (!values['no-marts']) {
    const answers: Record<Side, Row[][]> = { reference: [], current: [] };
    let queries: string[] = [];
    for (const side of Object.keys(dbs) as Side[]) {
      const db = await DuckDBInstance.create(dbs[side], { access_mode: 'READ_ONLY' });
      const c = await db.connect();
      if (queries.length === 0) queries = await martQueries(c);
      for (const q of queries) answers[side].push(await rows(c, `select * from (${q}) order by all`));
      c.closeSync();
      db.closeSync();
    }
    marts.queries = queries.length;
    marts.differing = queries.filter((_, i) => !sameRows(answers.reference[i]!, answers.current[i]!));
  }
  const differs = core.filter((t) => t.differs).map((t) => t.relation);
  console.log(
    JSON.stringify(
      {
        reference: values.reference,
        rounds: Number(values.rounds),
        load_average_at_start: load,
        rebuild_ms: { reference: runs.reference.map((r) => r.totals[0]), current: runs.current.map((r) => r.totals[0]) },
        rebuild_cpu_ms: { reference: runs.reference.map((r) => r.cpu[0]), current: runs.current.map((r) => r.cpu[0]) },
        median_ms: { reference: median(runs.reference.map((r) => r.totals[0]!)), current: median(runs.current.map((r) => r.totals[0]!)) },
        median_cpu_ms: { reference: median(runs.reference.map((r) => r.cpu[0]!)), current: median(runs.current.map((r) => r.cpu[0]!)) },
        models_median_ms: { reference: perModel('reference'), current: perModel('current') },
        core_relations_differing_on_kept_columns: differs,
        core_shape_changes: core
          .filter((t) => t.columns_dropped.length || t.columns_added.length)
          .map((t) => ({ relation: t.relation, dropped: t.columns_dropped, added: t.columns_added })),
        marts
      },
      null,
      1
    )
  );
  if (differs.length || marts.differing.length) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function sameRows(a: Row[], b: Row[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) => {
    const other = b[i]!;
    const keys = Object.keys(row);
    if (keys.length !== Object.keys(other).length) return false;
    return keys.every((key) => {
      const [x, y] = [row[key], other[key]];
      if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
      return JSON.stringify(x) === JSON.stringify(y);
    });
  });
}

/** The marts' answers the API and CLI give, at three as-of dates, per book and currency. */
async function martQueries(c: DuckDBConnection): Promise<string[]> {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const collectors = (await rows(c, 'select distinct collector as c from customers where collector is not null order by 1 limit 3')).map(
    (r) => String(r.c)
  );
  const customers = (await rows(c, 'select distinct customer_id as c from invoices order by 1 limit 5')).map((r) => String(r.c));
  const queries: string[] = [];
  for (const d of ['2024-06-30', '2025-12-31', '2026-11-22']) {
    const D = `'${d}'::date`;
    queries.push(`select * from kpis(${D} - 364, ${D}, 'week', 90, by_currency := true)`);
    queries.push(`select * from kpis(${D} - 364, ${D}, 'month', 30, reporting := 'EUR')`);
    queries.push(`select * from aging(${D}, by_currency := true)`);
    queries.push(`select * from aging(${D}, reporting := 'GBP')`);
    queries.push(`select * from aged_invoices(${D})`);
    queries.push(`select * from open_invoices(${D})`);
    queries.push(`select * from customer_balances(${D})`);
    queries.push(`select * from customer_open_balances(${D}, reporting := 'EUR')`);
    queries.push(`select * from drift(${D})`);
    queries.push(`select * from drift_customers(${D})`);
    queries.push(`select * from worklist(${D}, null)`);
    queries.push(`select * from promises(${D}, 90)`);
    queries.push(`select * from forecast_weeks(${D}, 13)`);
    queries.push(`select * from forecast_invoices(${D})`);
    queries.push(`select * from forecast_actuals(${D} - 91, 13)`);
    queries.push(`select * from collector_performance(${D} - 90, ${D}, reporting := 'GBP')`);
    queries.push(`select * from weekly_review(${D} - 364, ${D}, 'week', 90)`);
    for (const book of collectors) {
      queries.push(`select * from kpis(${D}, ${D}, 'range', 90, book := ${quote(book)}, by_currency := true)`);
      queries.push(`select * from aging(${D}, book := ${quote(book)})`);
      queries.push(`select * from worklist(${D}, ${quote(book)}, reporting := 'EUR')`);
    }
    for (const customer of customers) {
      queries.push(`select * from customer_kpis(${quote(customer)}, ${D}, 90, reporting := 'GBP')`);
      queries.push(`select * from customer_kpis(${quote(customer)}, ${D}, 365)`);
    }
  }
  for (const customer of customers) queries.push(`select * from customer_payments(${quote(customer)})`);
  for (const mart of ['period_kpis', 'aging_by_period', 'recovery_by_bucket']) {
    queries.push(`select * from ${mart}('2023-01-01'::date, '2026-11-30'::date, 'week')`);
    queries.push(`select * from ${mart}('2023-01-01'::date, '2026-11-30'::date, 'month', reporting := 'EUR')`);
    queries.push(`select * from ${mart}('2025-01-01'::date, '2025-03-31'::date, 'range')`);
  }
  return queries;
}
