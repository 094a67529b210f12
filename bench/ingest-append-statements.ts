// Where a week's ingest spends its time on a large history: the week's four files (bench/ledger-split.ts)
// loaded through ingestFiles into a database whose history is loaded, every statement the ingest runs
// timed (wall and the process's CPU), then the loads undone so the database is as before. Prints the
// statements by time, the slowest first. --refresh also times each statement of the refresh after the
// ingest (refreshModels, incremental when the models were up to date) and of the one after the undo.
// npx tsx bench/ingest-append-statements.ts --db FILE --split DIR [--top 15] [--refresh]
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Database } from '../server/db.ts';
import { ingestFiles, undoLoad } from '../server/ingest/index.ts';
import { modelsUpToDate, refreshModels } from '../server/models.ts';
import { WEEK_TABLES } from './ledger-split.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    split: { type: 'string' },
    top: { type: 'string', default: '15' },
    refresh: { type: 'boolean', default: false }
  }
});
if (!values.db || !values.split) throw new Error('usage: --db FILE --split DIR');
const split = resolve(values.split);

interface Timing {
  sql: string;
  wall: number;
  cpu: number;
}
let timings: Timing[] = [];

/** The connection with run / runAndReadAll timed; every other member passes through. */
function timedConnection(connection: DuckDBConnection): DuckDBConnection {
  return new Proxy(connection, {
    get(target, property, receiver) {
      const member = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      if (!['run', 'runAndReadAll', 'runAndRead', 'streamAndReadAll'].includes(String(property))) return member.bind(target);
      return async (...args: unknown[]) => {
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        try {
          return await member.apply(target, args);
        } finally {
          const used = process.cpuUsage(cpuBefore);
          timings.push({
            sql: String(args[0]).replace(/\s+/g, ' ').slice(0, 160),
            wall: performance.now() - started,
            cpu: (used.user + used.system) / 1000
          });
        }
      };
    }
  });
}

// printed once the database is as before (a reader that stops early must not leave the week loaded)
const lines: string[] = [];
function report(title: string, wall: number): void {
  const total = timings.reduce((sum, t) => sum + t.wall, 0);
  const cpu = timings.reduce((sum, t) => sum + t.cpu, 0);
  lines.push(
    `${title} ${Math.round(wall)} ms wall; ${timings.length} statements, ${Math.round(total)} ms wall and ${Math.round(cpu)} ms CPU of them`
  );
  for (const t of [...timings].sort((a, b) => b.wall - a.wall).slice(0, Number(values.top))) {
    lines.push(`${String(Math.round(t.wall)).padStart(7)} ms wall ${String(Math.round(t.cpu)).padStart(7)} ms cpu  ${t.sql}`);
  }
  timings = [];
}
async function timedWrite<T>(title: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await db.write((connection) => work(timedConnection(connection)));
  report(title, performance.now() - started);
  return result;
}

const db = await Database.open(resolve(values.db));
const files = WEEK_TABLES.map((table) => ({ path: join(split, `week-${table}.csv`), name: `week-${table}.csv` }));
const upToDate = await db.write((connection) => modelsUpToDate(connection));
const result = await timedWrite('week ingest', (connection) => ingestFiles(connection, files));
if (result.rejected.length) throw new Error(`the week was refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
lines.push(`rows ${JSON.stringify(result.loaded)}`);
if (values.refresh) {
  const change = { arrivedLoads: result.loadIds, modelsWereUpToDate: upToDate };
  const kind = await timedWrite('refresh after the week', (connection) => refreshModels(connection, { change }));
  lines.push(`(${kind})`);
}
await db.write(async (connection) => {
  for (const id of result.loadIds) await undoLoad(connection, id);
  // the models up to date again for the same data when they were before or the refresh made them so
  // (the week's rows touched are recomputed)
  if (upToDate || values.refresh) await refreshModels(connection, { change: { arrivedLoads: [], modelsWereUpToDate: true } });
});
db.close();
console.log(lines.join('\n'));
