// npx tsx bench/risk-perf.ts [--invoices 1000000] [--runs 3] [--save DIR] [--compare DIR] [--reference REV [--self-check]] [--only REGEX] [--no-core] [--core a,b]
// Times the risk models on a generated ledger: the drift(as_of), worklist(as_of, collector),
// forecast_invoices(as_of) and forecast_weeks(as_of, 13) macros and the core models invoice_pay_dates and invoice_settlements
// (or those of --core; median of --runs, wall and the process's CPU time, user + system: DuckDB's threads run in it), and
// can save their exact outputs (--save) or check them against saved ones (--compare), to show
// that a rewrite changes no result.
//
// The ledger is generated once into --dir and loaded straight into the canonical tables of a
// DuckDB file (--db), kept between runs (--fresh reloads it). Every run rebuilds the models with
// refreshModels (server/models.ts) and prints the time of each model (--no-refresh skips it), then
// re-times the two core models alone. --reference REV (a git revision) also times REV's versions
// of the two core models and of drift/worklist, alternating with the current ones under the same
// load, and compares their outputs on the same database.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { generateLedger } from '../data/generator/index.ts';
import { Database, queryRows } from '../server/db.ts';
import { applySchema, refreshModels, SQL_DIR } from '../server/models.ts';
import { asReferenceModels, filesAt, riskFiles, runInAnyOrder, sqlAt } from './reference-models.ts';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string', default: '1000000' },
    dir: { type: 'string' },
    db: { type: 'string' },
    runs: { type: 'string', default: '3' },
    // as-of dates that are timed
    'time-dates': { type: 'string', default: '2026-06-30' },
    // as-of dates whose outputs are saved or compared
    'check-dates': {
      type: 'string',
      default:
        '2023-12-31,2024-06-30,2024-12-31,2025-03-31,2025-06-30,2025-09-30,2025-12-31,2026-03-31,2026-06-30,2026-09-30,2026-11-22,2027-03-31'
    },
    save: { type: 'string' },
    compare: { type: 'string' },
    // a git revision: its drift/worklist macros and core models run beside the current ones, same database
    reference: { type: 'string' },
    // with --reference: also compare the reference with a second run of itself, to show what differs
    // between two runs of the same macro (sums of doubles in the rows' order, ties at a quantile)
    'self-check': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'no-refresh': { type: 'boolean', default: false },
    // skip re-timing the core models (their tables stay as the last refresh built them)
    'no-core': { type: 'boolean', default: false },
    // the core models re-timed (a model missing at --reference is timed alone)
    core: { type: 'string', default: 'invoice_pay_dates,invoice_settlements' },
    // only the queries whose name matches (drift, worklist, worklist_collector, forecast_invoices, forecast_weeks)
    only: { type: 'string' }
  }
});

const INVOICES = Number(values.invoices.replace(/[_,]/g, ''));
const RUNS = Number(values.runs);
const DIR = values.dir ?? `/tmp/risk-perf/ledger-${INVOICES}`;
const DB = values.db ?? `/tmp/risk-perf/risk-${INVOICES}.duckdb`;
const TIMED_CORE = values['no-core'] ? [] : values.core.split(',').filter(Boolean);
const log = (message: string) => process.stderr.write(message + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;

/** CPU time (user + system, ms) of the last timed() call: DuckDB's threads run in this process. */
let lastCpu = 0;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  lastCpu = (used.user + used.system) / 1000;
  return performance.now() - started;
}

async function loadLedger(connection: DuckDBConnection): Promise<void> {
  await applySchema(connection);
  await connection.run("insert into loads values (1, now(), 'invoices', 'x', 'x', 0, false, null)");
  const csv = (name: string) => `read_csv('${join(DIR, name + '.csv').replace(/'/g, "''")}', header = true, types = {`;
  await connection.run(
    `insert into customers by name select *, 1 as load_id, 'customers.csv' as source_file, 0 as source_row from ${csv('customers')}'credit_limit': 'decimal(18,2)'})`
  );
  await connection.run(
    `insert into invoices select invoice_id, customer_id, invoice_date, due_date, amount, currency, po_number, disputed_on, dispute_resolved_on, null, 1, 'invoices.csv', 0, null from ${csv('invoices')}'amount': 'decimal(18,2)'})`
  );
  for (const table of ['payments', 'adjustments', 'costs']) {
    await connection.run(
      `insert into ${table} by name select *, 1 as load_id, '${table}.csv' as source_file, 0 as source_row from ${csv(table)}'amount': 'decimal(18,2)'})`
    );
  }
  await connection.run(
    `insert into activities by name select *, 1 as load_id, 'activities.csv' as source_file, 0 as source_row from ${csv('activities')}'promised_amount': 'decimal(18,2)', 'cost': 'decimal(18,2)', 'invoice_id': 'varchar'})`
  );
  // the ledger bills in several currencies: the worklist converts its balances with these rates
  if (existsSync(join(DIR, 'fx_rates.csv'))) {
    await connection.run(
      `insert into fx_rates by name select *, 1 as load_id, 'fx_rates.csv' as source_file, 0 as source_row from ${csv('fx_rates')}'units_per_base': 'decimal(18,8)'})`
    );
  }
}

function coreBody(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}

/**
 * Bags of rows equal (every row as often) with the same column names and types: `exact`. When not,
 * `close` says whether they are equal with every DOUBLE to 12 significant digits, and to 9 decimals
 * (a CUSUM of 3.6e-15 where the other run summed to 0 is 0 to both): the drift macro sums
 * doubles in plain aggregates (sum(llr) of the CUSUM) in whatever order the rows arrive, so even
 * the same macro on the same data can differ in the last bits from one run to the next.
 */
async function compareRows(
  connection: DuckDBConnection,
  sql: string,
  other: string
): Promise<{ exact: boolean; close: boolean; text: string }> {
  const schemaOf = (q: string) =>
    queryRows<{ column_name: string; column_type: string }>(connection, `select column_name, column_type from (describe ${q})`);
  const schema = await schemaOf(sql);
  const otherSchema = await schemaOf(other);
  const sameSchema = JSON.stringify(schema) === JSON.stringify(otherSchema);
  if (!sameSchema) {
    // a model that gained or lost a column: compare the columns both have, and say which differ
    const names = (s: typeof schema) => new Set(s.map((c) => c.column_name));
    const [mine, theirs] = [names(schema), names(otherSchema)];
    const shared = schema
      .filter((c) => theirs.has(c.column_name))
      .map((c) => `"${c.column_name}"`)
      .join(', ');
    const onlyNow = [...mine].filter((c) => !theirs.has(c));
    const onlyOther = [...theirs].filter((c) => !mine.has(c));
    const inner = await compareRows(connection, `select ${shared} from (${sql})`, `select ${shared} from (${other})`);
    const change = [onlyNow.length ? `new: ${onlyNow.join(', ')}` : '', onlyOther.length ? `gone: ${onlyOther.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    return { exact: false, close: false, text: `${inner.text} in the shared columns; schema differs (${change || 'types'})` };
  }
  const count = async (a: string, b: string) => {
    const [row] = await queryRows<{ rows: string; missing: string; extra: string }>(
      connection,
      `with now as (${a}), other as (${b})
       select (select count(*) from now) as rows,
              (select count(*) from (select * from other except all select * from now)) as missing,
              (select count(*) from (select * from now except all select * from other)) as extra`
    );
    return row;
  };
  const row = await count(sql, other);
  const exact = sameSchema && row.missing === '0' && row.extra === '0';
  let close = exact;
  let text = `${row.rows} rows, ${row.missing} missing, ${row.extra} extra${sameSchema ? '' : ', schema differs'}`;
  if (!exact && sameSchema) {
    const rounded = (q: string) =>
      `select ${schema.map((c) => (c.column_type === 'DOUBLE' ? `printf('%.12g', round("${c.column_name}", 9) + 0.0) as "${c.column_name}"` : `"${c.column_name}"`)).join(', ')} from (${q})`;
    const near = await count(rounded(sql), rounded(other));
    close = near.missing === '0' && near.extra === '0';
    text += close
      ? ' (equal with doubles to 12 significant digits and 9 decimals)'
      : ` (${near.missing} missing, ${near.extra} extra with doubles to 12 significant digits and 9 decimals)`;
  }
  return { exact, close, text };
}

async function main(): Promise<void> {
  mkdirSync(join(DB, '..'), { recursive: true });
  if (!existsSync(join(DIR, 'complete.json'))) {
    // a folder with files but no complete.json holds a ledger made some other way (data/generate.ts):
    // generating into it would replace that ledger
    if (existsSync(DIR) && readdirSync(DIR).length > 0)
      throw new Error(`--dir ${DIR} holds files but no complete.json: not a ledger this bench generated; give an empty or new folder`);
    log(`generating ${INVOICES} invoices into ${DIR} ...`);
    const ledger = await generateLedger({ out: DIR, invoices: INVOICES });
    writeFileSync(join(DIR, 'complete.json'), JSON.stringify(ledger.summary));
  }
  if (values.fresh) for (const file of [DB, DB + '.wal']) rmSync(file, { force: true });
  const db = await Database.open(DB);
  const report: Record<string, unknown> = {
    invoices: INVOICES,
    runs: RUNS,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    load_average_at_start: loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')
  };
  await db.write(async (connection) => {
    await applySchema(connection);
    const [{ n }] = await queryRows<{ n: string }>(connection, 'select count(*) as n from invoices');
    if (Number(n) === 0) {
      log(`loading ${DIR} into ${DB} ...`);
      log(`loaded in ${ms(await timed(() => loadLedger(connection)))}`);
    }
    const refresh: Record<string, number> = {};
    if (!values['no-refresh']) {
      const total = await timed(() => refreshModels(connection, { onModel: (name, t) => (refresh[name] = Math.round(t)) }));
      log(
        `refreshModels ${ms(total)}: ${Object.entries(refresh)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`
      );
      report.refresh_models_ms = refresh;
    }
    // the risk macros as the files define them now (also with --no-refresh)
    const current = riskFiles(
      readdirSync(join(SQL_DIR, 'macros'))
        .map((f) => `macros/${f}`)
        .concat(readdirSync(join(SQL_DIR, 'marts')).map((f) => `marts/${f}`))
    );
    await runInAnyOrder(
      connection,
      current.map((file) => readFileSync(join(SQL_DIR, file), 'utf8'))
    );
    // and as --reference defined them, every macro and view of theirs renamed <name>_ref
    if (values.reference) {
      await runInAnyOrder(
        connection,
        asReferenceModels(riskFiles(filesAt(values.reference)).map((file) => sqlAt(values.reference!, file)))
      );
    }
    // the core models, each run alone (the current one last, so later queries read its table);
    // with --reference its version is timed too, alternating, into <name>_ref
    const core: Record<string, number> = {};
    for (const name of TIMED_CORE) {
      const versions: [string, string][] = [[name, coreBody(readFileSync(join(SQL_DIR, 'core', `${name}.sql`), 'utf8'))]];
      if (values.reference && filesAt(values.reference).includes(`core/${name}.sql`))
        versions.unshift([`${name}_ref`, coreBody(sqlAt(values.reference, `core/${name}.sql`))]);
      const times: Record<string, number[]> = {};
      const cpuTimes: Record<string, number[]> = {};
      for (let run = 0; run < RUNS; run++) {
        for (const [table, body] of versions) {
          (times[table] ??= []).push(await timed(() => connection.run(`create or replace table ${table} as\n${body}`)));
          (cpuTimes[table] ??= []).push(lastCpu);
        }
      }
      for (const [table, list] of Object.entries(times)) {
        core[table] = Math.round(median(list));
        core[`${table} cpu`] = Math.round(median(cpuTimes[table]));
        log(
          `${table}: median ${ms(core[table])} of ${list.map(ms).join(', ')}; CPU median ${ms(core[`${table} cpu`])} of ${cpuTimes[table].map(ms).join(', ')}`
        );
      }
    }
    report.core_model_median_ms = core;
  });

  const connection = await db.connect();
  const [{ collector }] = await queryRows<{ collector: string }>(
    connection,
    'select collector from stg_customers where collector is not null group by all order by count(*) desc, collector limit 1'
  );
  const only = values.only ? new RegExp(values.only) : undefined;
  const queries = (date: string) =>
    Object.fromEntries(
      Object.entries({
        drift: `select * from drift('${date}'::date)`,
        worklist: `select * from worklist('${date}'::date, null)`,
        worklist_collector: `select * from worklist('${date}'::date, '${collector.replace(/'/g, "''")}')`,
        forecast_invoices: `select * from forecast_invoices('${date}'::date)`,
        forecast_weeks: `select * from forecast_weeks('${date}'::date, 13)`
      }).filter(([name]) => !only || only.test(name))
    );
  const asReference = (sql: string) => sql.replace(/\b(drift|worklist|forecast_invoices|forecast_weeks)\(/, '$1_ref(');

  const timings: Record<string, number> = {};
  for (const date of values['time-dates'].split(',').filter(Boolean)) {
    for (const [name, sql] of Object.entries(queries(date))) {
      const versions: [string, string][] = [[`${name} ${date}`, sql]];
      if (values.reference) versions.unshift([`${name}_ref ${date}`, asReference(sql)]);
      const times: Record<string, number[]> = {};
      const cpuTimes: Record<string, number[]> = {};
      for (let run = 0; run < RUNS; run++) {
        for (const [label, q] of versions) {
          (times[label] ??= []).push(await timed(() => connection.run(q)));
          (cpuTimes[label] ??= []).push(lastCpu);
        }
      }
      for (const [label, list] of Object.entries(times)) {
        timings[label] = Math.round(median(list));
        timings[`${label} cpu`] = Math.round(median(cpuTimes[label]));
        log(
          `${label}: median ${ms(timings[label])} of ${list.map(ms).join(', ')}; CPU median ${ms(timings[`${label} cpu`])} of ${cpuTimes[label].map(ms).join(', ')}; load ${loadavg()[0].toFixed(1)}`
        );
      }
    }
  }
  report.query_median_ms = timings;

  // exact outputs: saved as parquet (doubles, decimals, lists kept as they are), compared as bags of rows
  const outputs: [string, string][] = TIMED_CORE.map((name) => [name, `select * from ${name}`]);
  for (const date of values['check-dates'].split(',').filter(Boolean)) {
    for (const [name, sql] of Object.entries(queries(date))) outputs.push([`${name}_${date}`, sql]);
  }
  if (values.save) {
    mkdirSync(values.save, { recursive: true });
    const schemas: Record<string, unknown> = {};
    for (const [name, sql] of outputs) {
      const file = join(values.save, `${name}.parquet`);
      await connection.run(`copy (${sql}) to '${file}' (format parquet)`);
      schemas[name] = await queryRows(connection, `select column_name, column_type from (describe ${sql})`);
    }
    writeFileSync(join(values.save, 'schemas.json'), JSON.stringify(schemas, null, 1));
    log(`saved ${outputs.length} outputs to ${values.save}`);
  }
  if (values.compare) {
    let different = 0;
    let inexact = 0;
    for (const [name, sql] of outputs) {
      const { exact, close, text } = await compareRows(
        connection,
        sql,
        `select * from read_parquet('${join(values.compare, `${name}.parquet`)}')`
      );
      if (!close) different++;
      else if (!exact) inexact++;
      log(`${exact ? 'same' : close ? 'last bits' : 'DIFFERENT'} ${name}: ${text}`);
    }
    report.compared = { outputs: outputs.length, different, last_bits_only: inexact };
    log(
      `against ${values.compare}: ${outputs.length - different - inexact} identical, ${inexact} differ only in the last bits of doubles, ${different} differ`
    );
    if (different > 0) process.exitCode = 1;
  }
  if (values.reference) {
    const revision = values.reference;
    const pairs: [string, string, string][] = TIMED_CORE.map((name) => [name, `select * from ${name}`, `select * from ${name}_ref`]);
    for (const date of values['check-dates'].split(',').filter(Boolean)) {
      for (const [name, sql] of Object.entries(queries(date))) {
        pairs.push([`${name}_${date}`, sql, asReference(sql)]);
        if (values['self-check']) pairs.push([`${name}_${date} (${values.reference} against itself)`, asReference(sql), asReference(sql)]);
      }
    }
    let different = 0;
    let inexact = 0;
    for (const [name, sql, other] of pairs) {
      const { exact, close, text } = await compareRows(connection, sql, other);
      if (!close) different++;
      else if (!exact) inexact++;
      log(`${exact ? 'same as' : close ? 'last bits from' : 'DIFFERENT from'} ${revision}: ${name}: ${text}`);
    }
    report.compared_with_reference = { revision, outputs: pairs.length, different, last_bits_only: inexact };
    log(
      `against ${revision} on this database: ${pairs.length - different - inexact} identical, ${inexact} differ only in the last bits of doubles, ${different} differ`
    );
    if (different > 0) process.exitCode = 1;
  }
  connection.closeSync();
  db.close();
  process.stdout.write(JSON.stringify(report) + '\n');
}

await main();
