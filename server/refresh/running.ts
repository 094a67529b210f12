// The core models that read a summed model (incremental.ts) and are computed again only where its
// rows changed: refreshSummed leaves the groups whose rows changed (old and new parts differ, in any
// sum or in the count of rows summed) as refresh_changed_<summed model>.
//   -- refresh: from D, after S       a running total over the days D of S (core/daily_aging): its rows
//                                     from d0 (the earliest changed day, or the day after the shorter of
//                                     the old and new calendars) are computed again by the model's own
//                                     SQL over S's rows from d0 on and, per group, one row on d0 − 1
//                                     summing every row before d0: what the model's row of d0 − 1 holds,
//                                     taken from S so that the one SQL serves the full build and this.
//   -- refresh: by A, B ..., after S  a sum of S by some of its groups (core/recovered_by_calendar_period):
//                                     its rows of the changed groups A, B ... are computed again from
//                                     S's rows of those groups.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import type { CoreModel } from './incremental.ts';
import { matching, relationExists } from './scopes.ts';

export const changedGroups = (summed: string) => `refresh_changed_${summed}`;

/** The model's SQL reading `relation` where it read the summed model. */
const over = (model: CoreModel, source: CoreModel, relation: string) =>
  model.body.replace(new RegExp(`\\b${source.name}\\b`, 'g'), relation);

async function columnTypes(connection: DuckDBConnection, table: string): Promise<{ column: string; type: string }[]> {
  return queryRows<{ column: string; type: string }>(
    connection,
    `select column_name as column, data_type as type from duckdb_columns()
     where table_name = '${table}' and not internal and database_name = current_database() order by column_index`
  );
}

/**
 * The running total `model` of the summed model `source`, from the earliest changed day on. Answers
 * what it did: 'unchanged', 'from <day>', or 'whole: <why>' when that is not exact (the caller then
 * computes it whole): the first day moved (backdated rows, or the earliest ones undone), a changed
 * group of `source` has no rows left (a book undone), or either table is empty.
 */
export async function refreshRunning(connection: DuckDBConnection, model: CoreModel, source: CoreModel): Promise<string> {
  const day = model.plan.day!;
  const groups = source.plan.groupBy!;
  if (!groups.includes(day)) throw new Error(`sql/core/${model.name}.sql: refresh from ${day}, but ${source.name} is not summed by ${day}`);
  const changed = changedGroups(source.name);
  if (!(await relationExists(connection, changed))) return 'unchanged';
  const partition = groups.filter((column) => column !== day);
  const by = partition.join(', ');
  const [bounds] = await queryRows<{ d0: string | null; from_day: string | null; same_first: boolean | null; group_left: boolean }>(
    connection,
    `with
       changed as (select min(${day}) as d0 from ${changed}),
       now as (select min(${day}) as first_day, max(${day}) as last_day from ${source.name}),
       kept as (select min(${day}) as first_day, max(${day}) as last_day from ${model.name})
     select
       strftime(changed.d0, '%Y-%m-%d') as d0,
       -- the days after the shorter calendar are computed again too: they come or go
       strftime(least(changed.d0, least(kept.last_day, now.last_day) + 1), '%Y-%m-%d') as from_day,
       -- the model starts the day before the summed model's first day
       kept.first_day = now.first_day - 1 as same_first,
       exists (
         select 1 from (select distinct ${by} from ${changed}) as c
         where not exists (select 1 from ${source.name} as s where ${matching(partition, 's', 'c')})
       ) as group_left
     from changed, now, kept`
  );
  if (!bounds!.d0) return 'unchanged';
  if (bounds!.same_first === null) return 'whole: no rows before or after';
  if (!bounds!.same_first) return 'whole: the first day moved';
  if (bounds!.group_left) return 'whole: a group has no rows left';
  const from = `date '${bounds!.from_day}'`;
  const sums = (await columnTypes(connection, source.name)).filter((c) => !groups.includes(c.column));
  const view = `refresh_from_${source.name}`;
  // a group new to the model (a book's first rows) has no rows before d0: every day from the first
  // one gets its zeros, from the model over the new group's rows and a zero on the first day
  await connection.run(
    `create or replace temp table refresh_new_groups_${model.name} as
     select distinct ${by} from ${changed} as c where not exists (select 1 from ${model.name} as m where ${matching(partition, 'm', 'c')})`
  );
  const fresh = await queryRows<{ n: number }>(connection, `select count(*)::integer as n from refresh_new_groups_${model.name}`);
  if (fresh[0]!.n > 0) {
    await connection.run(`
      create or replace temp view ${view} as
      select s.* from ${source.name} as s semi join refresh_new_groups_${model.name} as g on ${matching(partition, 's', 'g')}
      union all by name
      select ${by}, (select min(${day}) from ${source.name}) as ${day}, ${sums.map((c) => `0::${c.type} as ${c.column}`).join(', ')}
      from refresh_new_groups_${model.name}`);
    await connection.run(`insert into ${model.name} by name select * from (${over(model, source, view)}) where ${day} < ${from}`);
  }
  await connection.run(`drop table refresh_new_groups_${model.name}`);
  await connection.run(`
    create or replace temp view ${view} as
    select * from ${source.name} where ${day} >= ${from}
    union all by name
    select ${by}, ${from} - 1 as ${day}, ${sums.map((c) => `sum(${c.column})::${c.type} as ${c.column}`).join(', ')}
    from ${source.name}
    where ${day} < ${from}
    group by ${by}`);
  await connection.run(`delete from ${model.name} where ${day} >= ${from}`);
  await connection.run(`insert into ${model.name} by name select * from (${over(model, source, view)}) where ${day} >= ${from}`);
  await connection.run(`drop view ${view}`);
  return `from ${bounds!.from_day}`;
}

/** The sum `model` of the summed model `source` by some of its groups: the rows of the changed groups computed again. */
export async function refreshGrouped(connection: DuckDBConnection, model: CoreModel, source: CoreModel): Promise<void> {
  const keys = model.plan.groupBy!;
  const missing = keys.filter((column) => !source.plan.groupBy!.includes(column));
  if (missing.length)
    throw new Error(`sql/core/${model.name}.sql: refresh by ${missing.join(', ')}, but ${source.name} is not summed by it`);
  const changed = changedGroups(source.name);
  if (!(await relationExists(connection, changed))) return;
  const [touched, view] = [`refresh_keys_${model.name}`, `refresh_by_${source.name}`];
  await connection.run(`create or replace temp table ${touched} as select distinct ${keys.join(', ')} from ${changed}`);
  await connection.run(
    `create or replace temp view ${view} as select s.* from ${source.name} as s semi join ${touched} as k on ${matching(keys, 's', 'k')}`
  );
  await connection.run(`delete from ${model.name} as m where exists (select 1 from ${touched} as k where ${matching(keys, 'm', 'k')})`);
  await connection.run(`insert into ${model.name} by name select * from (${over(model, source, view)})`);
  await connection.run(`drop view ${view}`);
  await connection.run(`drop table ${touched}`);
}
