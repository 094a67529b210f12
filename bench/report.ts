// Renders docs/benchmarks.md from the measured figures of bench/run.ts.
export interface SizeResult {
  size: number;
  invoices: number;
  payments: number;
  as_of: string;
  ingest: { bare_ms: number; ingest_ms: number; ratio: number; ratios: number[] };
  ingest_all_ms: number;
  rebuild_ms: number;
  model_ms: Record<string, number>;
  kpis_ms: number;
  aging_ms: number;
  period_ms: number;
  series_ms: number;
  series_points: number;
  naive_kpis_ms: number;
  naive_series_ms: number;
  naive_series_points: number;
  models_ms_for_naive_points: number;
  naive_disagreements: number;
  peak_rss_mb: number;
}

const ms = (x: number) =>
  x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

export function renderBenchmarks(machine: Record<string, string | number>, results: SizeResult[], command: string, duckdb: string): string {
  const header = `| | ${results.map((r) => `${(r.invoices / 1e6).toFixed(r.invoices < 1e6 ? 2 : 0)} M invoices`).join(' | ')} | target |`;
  const rule = `|---|${results.map(() => '---|').join('')}---|`;
  const row = (label: string, cell: (r: SizeResult) => string, target = '') =>
    `| ${label} | ${results.map(cell).join(' | ')} | ${target} |`;
  const largest = results[results.length - 1];
  const targets = largest
    ? [
        `- ingest ≤ 1.5 × bare read_csv: ${verdict(largest.ingest.ratio <= 1.5)} (${largest.ingest.ratio.toFixed(2)} ×)`,
        `- kpis ≤ 250 ms at 10 M: ${verdict(largest.kpis_ms <= 250)} (${ms(largest.kpis_ms)})`,
        `- aging ≤ 250 ms: ${verdict(largest.aging_ms <= 250)} (${ms(largest.aging_ms)})`,
        `- series of 104 weekly points ≤ 2 s: ${verdict(largest.series_ms <= 2000)} (${ms(largest.series_ms)})`,
        `- peak RSS ≤ 4 GB at 10 M: ${verdict(largest.peak_rss_mb <= 4096)} (${largest.peak_rss_mb} MB)`
      ].join('\n')
    : '';
  const models = [...new Set(results.flatMap((r) => Object.keys(r.model_ms)))];
  return `# Benchmarks

Measured by \`${command}\` (bench/run.ts → bench/scale.ts, one process per size).
Ledgers come from the project's generator (\`data/generate.ts --invoices N\`, seed 42, three years,
about 1.2 payment rows per invoice). Times are medians of the repetitions after one warm-up;
the ingest ratio is the median of per-repetition ratios, each taken in one run against DuckDB's bare
\`CREATE TABLE AS SELECT * FROM read_csv(...)\` of the same file. Report times read the marts
directly (no answer cache). The machine is shared: the load average when the run began is below.

Machine: ${machine.cpu}, ${machine.memory_gb} GB RAM, Node ${machine.node}, @duckdb/node-api ${duckdb},
load average at start ${machine.load_average_at_start}, ${machine.date}.

${header}
${rule}
${row('invoices / payment rows', (r) => `${r.invoices.toLocaleString('en-US')} / ${r.payments.toLocaleString('en-US')}`)}
${row('bare read_csv of invoices.csv', (r) => ms(r.ingest.bare_ms))}
${row('ingest of invoices.csv (validated, all or nothing)', (r) => ms(r.ingest.ingest_ms))}
${row('ingest ÷ bare read_csv', (r) => `${r.ingest.ratio.toFixed(2)} × (${r.ingest.ratios.map((x) => x.toFixed(2)).join(', ')})`, '≤ 1.5 ×')}
${row('ingest of all six tables', (r) => ms(r.ingest_all_ms))}
${row('model rebuild after the load', (r) => ms(r.rebuild_ms), 'report')}
${row('`kpis` at one as-of date', (r) => ms(r.kpis_ms), '≤ 250 ms at 10 M')}
${row('`aging`', (r) => ms(r.aging_ms), '≤ 250 ms')}
${row('`period` (last complete week)', (r) => ms(r.period_ms))}
${row('`series`, 104 weekly points', (r) => `${ms(r.series_ms)} (${r.series_points} points)`, '≤ 2 s')}
${row('baseline: `kpis` by a scan of all balances', (r) => ms(r.naive_kpis_ms))}
${row('baseline ÷ models, `kpis`', (r) => `${(r.naive_kpis_ms / r.kpis_ms).toFixed(0)} ×`)}
${row('baseline: the last N weekly points by N scans', (r) => `${ms(r.naive_series_ms)} (N = ${r.naive_series_points})`)}
${row('baseline ÷ models, per series point', (r) => `${(r.naive_series_ms / r.models_ms_for_naive_points).toFixed(0)} ×`)}
${row('series points where the scan and the models disagree (AR, current AR, sales)', (r) => String(r.naive_disagreements), '0')}
${row('peak RSS of the process', (r) => `${r.peak_rss_mb.toLocaleString('en-US')} MB`, '≤ 4 GB at 10 M')}

Targets at the largest size:
${targets}

Model rebuild, per model taking 20 ms or more (ms):

| model | ${results.map((r) => `${(r.invoices / 1e6).toFixed(r.invoices < 1e6 ? 2 : 0)} M`).join(' | ')} |
|---|${results.map(() => '---|').join('')}
${models
  .filter((m) => results.some((r) => (r.model_ms[m] ?? 0) >= 20))
  .map((m) => `| ${m} | ${results.map((r) => (r.model_ms[m] ?? 0).toLocaleString('en-US')).join(' | ')} |`)
  .join('\n')}

The baseline computes AR, current AR and sales "the obvious way" (bench/naive-kpis.sql: every
invoice's balance from all its payments and adjustments, per as-of date); the models read
daily positions built once by running sums (docs/metrics.md). The baseline also checks the models:
every series point's AR, current AR and sales must equal the scan's to the cent.
`;
}

/** Where the hand-written part of docs/benchmarks.md begins: a new run keeps it as it is. */
export const HAND_NOTES_MARKER = '<!-- From here on written by hand: npm run bench keeps it as it is. -->';

/**
 * The new measured part followed by the hand-written notes of the page it replaces (the explanations
 * of a missed target, what changed since the last run), which used to be lost on every run.
 */
export function withHandNotes(measured: string, previous: string | null): string {
  const at = previous?.indexOf(HAND_NOTES_MARKER) ?? -1;
  const notes = at >= 0 ? previous!.slice(at) : `${HAND_NOTES_MARKER}\n`;
  return `${measured.trimEnd()}\n\n${notes}`;
}
