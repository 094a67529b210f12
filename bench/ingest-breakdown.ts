// Where the ingest's time goes against DuckDB's bare read: the same invoices CSV loaded into a
// database file and into memory, bare `create table as select * from read_csv(...)` against
// ingestFiles(), medians of --reps. Run `npm run bench -- --sizes 1000000` first for the default file.
// npx tsx bench/ingest-breakdown.ts [--csv bench/out/ledger-1000000/invoices.csv] [--reps 3]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { ingestFiles } from '../server/ingest/index.ts';
import { applySchema } from '../server/models.ts';

const { values } = parseArgs({
  options: { csv: { type: 'string', default: 'bench/out/ledger-1000000/invoices.csv' }, reps: { type: 'string', default: '3' } }
});
const csv = values.csv;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const file = join(tmpdir(), `radar-ingest-breakdown-${process.pid}.duckdb`);
const removeFile = () => ['', '.wal'].forEach((suffix) => rmSync(file + suffix, { force: true }));

async function timeOnce(where: 'file' | 'memory', what: 'bare' | 'ingest'): Promise<number> {
  removeFile();
  const db = await Database.open(where === 'file' ? file : ':memory:');
  try {
    return await db.write(async (connection) => {
      await applySchema(connection);
      const started = performance.now();
      if (what === 'bare') await connection.run(`create table bare as select * from read_csv('${csv.replace(/'/g, "''")}')`);
      else {
        const result = await ingestFiles(connection, [{ path: csv, name: 'invoices.csv' }]);
        if (result.rejected.length) throw new Error(`rejected: ${JSON.stringify(result.rejected[0])}`);
      }
      return performance.now() - started;
    });
  } finally {
    db.close();
    removeFile();
  }
}

const times: Record<string, number[]> = {};
for (let rep = 0; rep < Number(values.reps); rep++) {
  for (const where of ['file', 'memory'] as const) {
    for (const what of ['bare', 'ingest'] as const) (times[`${where} ${what}`] ??= []).push(await timeOnce(where, what));
  }
}
const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))]));
console.log(
  JSON.stringify(
    {
      csv,
      reps: Number(values.reps),
      median_ms: ms,
      ratio_file: +(ms['file ingest']! / ms['file bare']!).toFixed(2),
      ratio_memory: +(ms['memory ingest']! / ms['memory bare']!).toFixed(2)
    },
    null,
    2
  )
);
