// npx tsx bench/column-write-cost.ts DB TABLE [TABLE ...]
// What writing a built table costs, whole and per column: `create table as select <columns> from
// TABLE` in the database file DB (a scratch copy: it creates and drops a table zz_col), CPU of the
// process (DuckDB's threads run in it), median of 3. Separates the write of a core model's rows from
// computing them, and shows which columns (VARCHAR ids, low-cardinality strings) the write spends on.
import { DuckDBInstance } from '@duckdb/node-api';

const [db, ...tables] = process.argv.slice(2);
if (!db || tables.length === 0) throw new Error('usage: bench/column-write-cost.ts DB TABLE [TABLE ...]');
const instance = await DuckDBInstance.create(db);
const c = await instance.connect();
const cpu = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const measure = async (table: string, select: string) => {
  const xs: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const before = cpu();
    await c.run(`create or replace table zz_col as select ${select} from ${table}`);
    xs.push(cpu() - before);
    await c.run('drop table zz_col');
  }
  return Math.round(xs.sort((a, b) => a - b)[1]!);
};
for (const table of tables) {
  if (!/^\w+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const columns = (
    await c.runAndReadAll(
      `select column_name, data_type from duckdb_columns() where table_name = '${table}' and database_name = current_database() order by column_index`
    )
  ).getRows() as [string, string][];
  const rows = (await c.runAndReadAll(`select count(*)::bigint from ${table}`)).getRows()[0]![0];
  const lines = [`${table} (${rows} rows), all columns: ${await measure(table, '*')} ms CPU`];
  for (const [column, type] of columns) lines.push(`  ${column} ${type}: ${await measure(table, `"${column}"`)} ms`);
  console.log(lines.join('\n'));
}
c.closeSync();
instance.closeSync();
