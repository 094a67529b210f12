// From the files to the first KPI answer (issue 12): the same three CSVs (invoices, payments,
// adjustments) of a generated ledger, three ways, each a process of its own as a user runs it:
//   - Receivables Radar: `cli ingest` of the three files into a new database file, then `cli kpis`;
//   - pandas (bench/pandas_kpis.py with Debian's /usr/bin/python3): read the CSVs, AR, current AR, DSO;
//   - DuckDB by hand (bench/duckdb_kpis.mjs): read_csv and one query.
// Medians of --reps, and the ratio to pandas taken per repetition (same run, shared machine).
// The figures must agree to the cent, or the run fails.
// npx tsx bench/first-answer.ts [--dir bench/out/ledger-1000000] [--reps 3]
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { dir: { type: 'string', default: 'bench/out/ledger-1000000' }, reps: { type: 'string', default: '3' } }
});
const dir = resolve(values.dir);
// the exchange rates too when the ledger has them: Radar answers in a reporting currency and refuses
// without the rates of every currency in the ledger (pandas and DuckDB compare per currency only)
const files = ['invoices', 'payments', 'adjustments', 'fx_rates'].map((t) => join(dir, `${t}.csv`)).filter((f) => existsSync(f));
const db = join(tmpdir(), `radar-first-answer-${process.pid}.duckdb`);
const removeDb = () => ['', '.wal', '.tmp'].forEach((s) => rmSync(db + s, { recursive: true, force: true }));

interface CurrencyFigures {
  currency: string;
  ar: number;
  current_ar: number;
  sales: number;
}
interface Figures {
  as_of: string;
  by_currency: CurrencyFigures[];
}
const run = (command: string, args: string[]): [number, string] => {
  const started = performance.now();
  const out = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  return [performance.now() - started, out];
};
// each currency's AR, current AR and sales in its own currency: what all three ways compute
const lastJson = (out: string): Figures => {
  const answer = JSON.parse(out.trim().split('\n').pop()!) as Figures;
  const by_currency = answer.by_currency
    .map(({ currency, ar, current_ar, sales }) => ({ currency, ar, current_ar, sales }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { as_of: answer.as_of, by_currency };
};

const ways: Record<string, () => [number, Figures]> = {
  pandas: () => {
    const [ms, out] = run('/usr/bin/python3', ['bench/pandas_kpis.py', dir]);
    return [ms, lastJson(out)];
  },
  'DuckDB by hand': () => {
    const [ms, out] = run('node', ['bench/duckdb_kpis.mjs', dir]);
    return [ms, lastJson(out)];
  },
  'Receivables Radar (cli ingest, then cli kpis)': () => {
    removeDb();
    const [ingestMs] = run('node_modules/.bin/tsx', ['server/cli.ts', 'ingest', ...files, '--db', db, '--json']);
    const [kpisMs, out] = run('node_modules/.bin/tsx', ['server/cli.ts', 'kpis', '--db', db, '--json']);
    removeDb();
    process.stderr.write(`  radar: ingest ${ingestMs.toFixed(0)} ms, kpis ${kpisMs.toFixed(0)} ms\n`);
    return [ingestMs + kpisMs, lastJson(out)];
  }
};

const times: Record<string, number[]> = {};
const ratios: Record<string, number[]> = {};
let reference: Figures | null = null;
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
for (let rep = 0; rep < Number(values.reps); rep++) {
  let pandasMs = 0;
  for (const [name, way] of Object.entries(ways)) {
    const [ms, figures] = way();
    process.stderr.write(`rep ${rep} ${name}: ${ms.toFixed(0)} ms ${JSON.stringify(figures)}\n`);
    reference ??= figures;
    if (JSON.stringify(figures) !== JSON.stringify(reference))
      throw new Error(`${name} disagrees: ${JSON.stringify(figures)} vs ${JSON.stringify(reference)}`);
    (times[name] ??= []).push(ms);
    if (name === 'pandas') pandasMs = ms;
    else (ratios[name] ??= []).push(ms / pandasMs);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify(
    {
      dir,
      reps: Number(values.reps),
      load_average_at_start: load,
      figures: reference,
      median_ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))])),
      median_ratio_to_pandas: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, Number(median(v).toFixed(2))]))
    },
    null,
    2
  )
);
