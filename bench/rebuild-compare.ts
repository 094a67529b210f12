// npx tsx bench/rebuild-compare.ts --db FILE [--reference main]
// The whole model rebuild of this tree against that of a git revision on copies of one loaded
// database (bench/rebuild-profile.ts leaves one in bench/out/rebuild-profile.duckdb): each tree
// rebuilds its copy (bench/refresh-time.ts, wall and CPU time), then every core table of this
// tree that the reference also has is compared row for row (EXCEPT ALL both ways, row counts,
// column types). Prints one JSON document; exits 1 when a table differs.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { coreTableNames } from '../server/models.ts';
import { extractTree, timeRebuild, type RebuildTiming } from './reference-tree.ts';
import { compareTables } from './table-compare.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, reference: { type: 'string', default: 'main' } } });
if (!values.db) throw new Error('--db FILE is required (a loaded database, e.g. bench/out/rebuild-profile.duckdb)');

const here = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'radar-rebuild-compare-'));
const other = extractTree(values.reference!, join(work, 'tree'), ['refresh-time.ts']);

const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const rebuild = (tree: string, db: string): RebuildTiming => {
  copyFileSync(resolve(values.db!), db);
  return timeRebuild(tree, db);
};
try {
  const [referenceDb, currentDb] = [join(work, 'reference.duckdb'), join(work, 'current.duckdb')];
  const reference = rebuild(other, referenceDb);
  const current = rebuild(here, currentDb);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`attach '${referenceDb}' as reference (read_only); attach '${currentDb}' as current (read_only)`);
  const tables = await compareTables(connection, 'reference', 'current', coreTableNames());
  connection.closeSync();
  instance.closeSync();
  const differing = tables.filter((t) => t.differs);
  console.log(
    JSON.stringify(
      {
        reference: values.reference,
        load_average_at_start: load,
        rebuild_ms: { reference: reference.totals[0], current: current.totals[0] },
        rebuild_cpu_ms: { reference: reference.cpu?.[0], current: current.cpu?.[0] },
        tables,
        differing: differing.map((t) => t.table)
      },
      null,
      1
    )
  );
  if (differing.length) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
