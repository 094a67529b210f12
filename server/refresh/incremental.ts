// The core models brought up to date after a write, touching only what the write touched
// (server/refresh/scopes.ts). Each core model says how in its header:
//   -- refresh: per K                      its rows of the touched keys K are deleted and computed again
//   -- refresh: per K, summed by A, B ...  a sum over rows of K, grouped by A, B ...: the touched rows'
//                                          old part is subtracted and their new part added in the groups
//                                          where they differ; a `changes` column counts the rows summed, and a
//                                          group whose count falls to 0 goes (so it is what a full build makes)
//   -- refresh: from D, after S            a running total over the days D of the summed model S: its rows
//                                          from the earliest day whose row of S changed are computed again
//                                          (server/refresh/running.ts)
//   -- refresh: by A, B ..., after S       a sum of the summed model S by some of its groups A, B ...: its
//                                          rows of the groups whose rows of S changed are computed again
//   (no marker)                            computed again whole
// The caller holds the transaction and has checked that the core tables were up to date before the write.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  columnNamesOf,
  computeScopes,
  dropRelation,
  dropScopes,
  filteredByKey,
  matching,
  relationExists,
  ROW_ID,
  scopedName,
  scopedSql,
  SCOPES
} from './scopes.ts';
import { changedGroups, refreshGrouped, refreshRunning } from './running.ts';

export interface RefreshPlan {
  kind: 'per' | 'summed' | 'running' | 'grouped' | 'whole';
  key?: string;
  /** summed: the groups; grouped: the groups of `after` it is computed by */
  groupBy?: string[];
  /** running: the day column */
  day?: string;
  /** running, grouped: the summed model it reads */
  after?: string;
}

export interface CoreModel {
  name: string;
  /** the model's select, without `create table` */
  body: string;
  plan: RefreshPlan;
}

const MARKER = /^--\s*refresh:\s*per\s+(\w+)(?:\s*,\s*summed by\s+([\w\s,]+?))?\s*$/m;
const RUNNING = /^--\s*refresh:\s*from\s+(\w+)\s*,\s*after\s+(\w+)\s*$/m;
const GROUPED = /^--\s*refresh:\s*by\s+([\w\s,]+?)\s*,\s*after\s+(\w+)\s*$/m;

/** The plan a model's header gives; a model without one is computed whole. */
export function refreshPlan(name: string, sql: string): RefreshPlan {
  const running = RUNNING.exec(sql);
  if (running) return { kind: 'running', day: running[1]!, after: running[2]! };
  const grouped = GROUPED.exec(sql);
  if (grouped) return { kind: 'grouped', groupBy: grouped[1]!.split(',').map((column) => column.trim()), after: grouped[2]! };
  const match = MARKER.exec(sql);
  if (!match) return { kind: 'whole' };
  const key = match[1]!;
  if (!SCOPES[key]) throw new Error(`sql/core/${name}.sql: refresh per ${key}, but no scope of that key (server/refresh/scopes.ts)`);
  if (!match[2]) return { kind: 'per', key };
  return { kind: 'summed', key, groupBy: match[2].split(',').map((column) => column.trim()) };
}

async function isEmpty(connection: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(`select not exists (select 1 from ${table})`);
  return reader.getRows()[0]![0] === true;
}

/** Past this share of all invoices touched, patching costs more than rebuilding (a customers file replaced, say). */
const MOST_INVOICES = 0.25;

/** Patches the core tables; false (nothing changed) when the write touched most invoices, so a full rebuild is quicker. */
export async function refreshIncrementally(
  connection: DuckDBConnection,
  models: CoreModel[],
  onModel?: (index: number, total: number, name: string, milliseconds: number) => void,
  onStep?: (step: string, milliseconds: number) => void
): Promise<boolean> {
  let stepStarted = performance.now();
  const stepDone = (step: string) => {
    onStep?.(step, performance.now() - stepStarted);
    stepStarted = performance.now();
  };
  // a core model refreshed per key leaves its new rows as its scope for the models after it: its old
  // rows are read here only for a summed model's old part
  const summed = models.filter((m) => m.plan.kind === 'summed');
  const names = (input: string, model: CoreModel) => new RegExp(`\\b${input}\\b`).test(model.body);
  const refreshedPer = (key: string, input: string) => models.some((m) => m.name === input && m.plan.kind === 'per' && m.plan.key === key);
  await computeScopes(
    connection,
    {
      readersOf: (key, input) =>
        (refreshedPer(key, input) ? summed : models).filter((m) => m.plan.key === key && names(input, m)).map((m) => m.body),
      readLater: (key, input) => refreshedPer(key, input) && !summed.some((m) => names(input, m)),
      refreshedPer
    },
    onStep
  );
  stepStarted = performance.now();
  const reader = await connection.runAndReadAll(
    'select (select count(*) from refresh_invoices)::double, (select count(*) from ledger_invoices)::double'
  );
  const [touched, all] = reader.getRows()[0] as [number, number];
  if (touched > MOST_INVOICES * all) {
    await dropScopes(connection);
    return false;
  }
  // a summed model's old part is taken before any of its inputs changes
  for (const model of summed) {
    await connection.run(
      `create or replace temp table refresh_old_${model.name} as select * from (${scopedSql(model.body, model.plan.key!)})`
    );
  }
  for (const model of summed) await connection.run(`drop table if exists ${changedGroups(model.name)}`);
  stepDone('old parts of the summed models');
  for (const [index, model] of models.entries()) {
    const started = performance.now();
    const { kind, key } = model.plan;
    let done: string | undefined;
    if (kind === 'running' || kind === 'grouped') {
      const source = models.slice(0, index).find((m) => m.name === model.plan.after && m.plan.kind === 'summed');
      if (!source)
        throw new Error(`sql/core/${model.name}.sql: refresh after ${model.plan.after}, which is no summed core model before it`);
      if (kind === 'grouped') {
        await refreshGrouped(connection, model, source);
      } else {
        done = await refreshRunning(connection, model, source);
        if (done.startsWith('whole')) await computeWhole(connection, model);
      }
    } else if (kind === 'whole') {
      await computeWhole(connection, model);
    } else if (!(await isEmpty(connection, SCOPES[key!]!.table))) {
      if (kind === 'per') await refreshPerKey(connection, model, key!);
      else await refreshSummed(connection, model, key!, model.plan.groupBy!);
    }
    await connection.run(`drop table if exists refresh_old_${model.name}`);
    onModel?.(index, models.length, model.name, performance.now() - started);
    // which rows it computed again, for the bench's log and the tests (after the model: its time is the model's)
    if (done) onStep?.(`${model.name}: ${done}`, 0);
  }
  stepStarted = performance.now();
  for (const model of summed) await connection.run(`drop table if exists ${changedGroups(model.name)}`);
  await dropScopes(connection);
  stepDone('scopes dropped');
  return true;
}

async function computeWhole(connection: DuckDBConnection, model: CoreModel): Promise<void> {
  await connection.run(`delete from ${model.name}`);
  await connection.run(`insert into ${model.name} by name select * from (${model.body})`);
}

async function refreshPerKey(connection: DuckDBConnection, model: CoreModel, key: string): Promise<void> {
  const keys = `(select ${key} from ${SCOPES[key]!.table})`;
  const fresh = `refresh_rows_${model.name}`;
  await connection.run(`create or replace temp table ${fresh} as select * from (${scopedSql(model.body, key)}) where ${key} in ${keys}`);
  // the scopes hold only the columns the models name (scopes.ts): a model that took a column through
  // a `*` the scope does not hold must fail here, not insert nulls by name
  const [made, kept] = [await columnNamesOf(connection, fresh), await columnNamesOf(connection, model.name)];
  if (made.length !== kept.length || made.some((column) => !kept.includes(column))) {
    throw new Error(
      `sql/core/${model.name}.sql: refreshed per ${key}, it made the columns ${made.join(', ')} instead of ${kept.join(', ')}`
    );
  }
  // its old rows read with their row ids (scopes.ts) are deleted by them: no scan of the table by key
  const old = scopedName(key, model.name);
  const byRowId =
    filteredByKey(key, model.name) && (await relationExists(connection, old)) && (await columnNamesOf(connection, old)).includes(ROW_ID);
  await connection.run(
    byRowId
      ? `delete from ${model.name} where rowid in (select ${ROW_ID} from ${old})`
      : `delete from ${model.name} where ${key} in ${keys}`
  );
  await connection.run(`insert into ${model.name} by name select * from ${fresh}`);
  // the models after this one read its rows of the scope: these rows, without scanning the table again
  if (filteredByKey(key, model.name)) {
    await dropRelation(connection, scopedName(key, model.name));
    await connection.run(`alter table ${fresh} rename to ${scopedName(key, model.name)}`);
  } else {
    await connection.run(`drop table ${fresh}`);
  }
}

async function refreshSummed(connection: DuckDBConnection, model: CoreModel, key: string, groupBy: string[]): Promise<void> {
  const columns = await columnNamesOf(connection, model.name);
  const sums = columns.filter((column) => !groupBy.includes(column));
  if (!sums.includes('changes')) throw new Error(`sql/core/${model.name}.sql: a summed model needs a changes column (rows summed)`);
  const group = groupBy.join(', ');
  const [oldPart, newPart, merged] = ['old', 'new', 'merged'].map((part) => `refresh_${part}_${model.name}`);
  const changed = changedGroups(model.name);
  await connection.run(`create or replace temp table ${newPart} as select * from (${scopedSql(model.body, key)})`);
  // each touched group's change, its new part less its old part, where there is one (in a sum or in the
  // rows summed): a group of the touched rows whose parts are equal keeps its row. Kept until the end
  // of the refresh for the models that read this one (running.ts)
  await connection.run(`
    create or replace temp table ${changed} as
    select ${group}, ${sums.map((column) => `sum(${column}) as ${column}`).join(', ')}
    from (
      select ${group}, ${sums.join(', ')} from ${newPart}
      union all
      select ${group}, ${sums.map((column) => `-${column}`).join(', ')} from ${oldPart}
    )
    group by ${group}
    having ${sums.map((column) => `sum(${column}) <> 0`).join(' or ')}`);
  const touched = `exists (select 1 from ${changed} as t where ${matching(groupBy, 'm', 't')})`;
  await connection.run(`
    create or replace temp table ${merged} as
    select ${group}, ${sums.map((column) => `sum(${column}) as ${column}`).join(', ')}
    from (
      select ${group}, ${sums.join(', ')} from ${model.name} as m where ${touched}
      union all
      select ${group}, ${sums.join(', ')} from ${changed}
    )
    group by ${group}`);
  await connection.run(`delete from ${model.name} as m where ${touched}`);
  await connection.run(`insert into ${model.name} by name select * from ${merged} where changes <> 0`);
  for (const table of [newPart, merged]) await connection.run(`drop table ${table}`);
}
