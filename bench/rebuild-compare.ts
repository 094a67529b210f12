// npx tsx bench/rebuild-compare.ts --db FILE [--reference main]
// The whole model rebuild of this tree against that of a git revision on copies of one loaded
// database (bench/rebuild-profile.ts leaves one in bench/out/rebuild-profile.duckdb): each tree
// rebuilds its copy (bench/refresh-time.ts, wall and CPU time), then every core table of this
// tree that the reference also has is compared row for row (EXCEPT ALL both ways, row counts,
// column types). Prints one JSON document; exits 1 when a table differs.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { coreTableNames } from '../server/models.ts';
import { compareTables } from './table-compare.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, reference: { type: 'string', default: 'main' } } });
if (!values.db) throw new Error('--db FILE is required (a loaded database, e.g. bench/out/rebuild-profile.duckdb)');

const here = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'radar-rebuild-compare-'));
const other = join(work, 'tree');
mkdirSync(other);
execFileSync('sh', ['-c', `git archive ${values.reference} | tar -x -C ${other}`]);
symlinkSync(join(here, 'node_modules'), join(other, 'node_modules'));
if (!existsSync(join(other, 'bench'))) mkdirSync(join(other, 'bench'));
copyFileSync(join(here, 'bench', 'refresh-time.ts'), join(other, 'bench', 'refresh-time.ts'));

const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
type Timing = { totals: number[]; cpu?: number[]; models: Record<string, number[]> };
const rebuild = (tree: string, db: string): Timing => {
  copyFileSync(resolve(values.db!), db);
  const result = spawnSync(join(here, 'node_modules', '.bin', 'tsx'), ['bench/refresh-time.ts', '--db', db], {
    cwd: tree,
    encoding: 'utf8'
  });
  if (result.status !== 0) throw new Error(`${tree}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
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
