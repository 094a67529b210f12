// npx tsx bench/forecast-error-sources.ts [--seed 7 | --ibm] [--invoices 30000]: where the forecast's
// invoice-level error comes from, on the replay of bench/eval-forecast.ts (the same month-ends, the
// same open invoices with a known pay date). Prints the MAE of the median pay date, the model's and
// baseline (b)'s, and each group's share of the model's total absolute error, by: the invoice's
// lateness at D, the customer's settled history in the window, open dispute, open promise, drifting
// customer (generated ledgers: drift_truth, the slowdown begun by D), and whether the invoice is
// later than all of its customer's history. For invoices not yet due: late/not-late confusion by
// the same groups. Analysis only: it changes nothing the evaluation scores.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLedger } from '../data/generator/index.ts';
import type { Database } from '../server/db.ts';
import { generatedLedgerDatabase, ibmSampleDatabase } from '../support/databases.ts';
import { REPLAY_DATES } from './forecast-eval-metrics.ts';
import { forecastOutcomesSql } from './forecast-outcomes-sql.ts';

const { values } = parseArgs({ options: { seed: { type: 'string' }, ibm: { type: 'boolean' }, invoices: { type: 'string' } } });

interface Row {
  model_err: number;
  b_err: number;
  lateness: number;
  n_hist: number;
  max_late: number | null;
  in_dispute: boolean;
  promised: boolean;
  drifting: boolean;
  p: number;
  late: boolean;
}

async function rows(db: Database, asOf: string, drift: boolean): Promise<Row[]> {
  return db.read<Row & Record<string, unknown>>(
    forecastOutcomesSql(`
       abs((f.expected_pay_date - p.paid_on)::integer) as model_err,
       abs(greatest((f.due_date - $1::date)::integer + coalesce(h.median_late, pf.median_late, 0)::integer, 1) - (p.paid_on - $1::date)::integer) as b_err,
       ($1::date - f.due_date)::integer as lateness,
       coalesce(w.n, 0)::integer as n_hist,
       w.max_late::integer as max_late,
       coalesce(p.disputed_on <= $1::date and (p.dispute_resolved_on is null or p.dispute_resolved_on > $1::date), false) as in_dispute,
       f.invoice_id in (select invoice_id from promised) as promised,
       ${drift ? `coalesce((select t.slowdown_start <= $1::date from drift_truth as t where t.customer_id = f.customer_id), false)` : 'false'} as drifting,
       f.late_probability::double as p,
       p.paid_on > p.due_date as late`),
    [asOf]
  );
}

function report(all: Row[]): void {
  const total = all.reduce((s, r) => s + r.model_err, 0);
  const groups: [string, (r: Row) => string][] = [
    [
      'lateness at D',
      (r) =>
        r.lateness < -30
          ? 'due in 31+ days'
          : r.lateness < 0
            ? 'due in 1-30 days'
            : r.lateness <= 15
              ? '0-15 late'
              : r.lateness <= 45
                ? '16-45 late'
                : '46+ late'
    ],
    ['settled history (undisputed, 730 days)', (r) => (r.n_hist === 0 ? '0' : r.n_hist < 5 ? '1-4' : r.n_hist < 20 ? '5-19' : '20+')],
    ['later than all its history', (r) => (r.max_late === null || r.lateness >= r.max_late ? 'yes' : 'no')],
    ['open dispute', (r) => String(r.in_dispute)],
    ['open promise', (r) => String(r.promised)],
    ['drifting (slowdown begun)', (r) => String(r.drifting)]
  ];
  console.log(
    `${all.length} open invoice-dates with a known pay date; model MAE ${(total / all.length).toFixed(2)}, (b) ${(all.reduce((s, r) => s + r.b_err, 0) / all.length).toFixed(2)}`
  );
  for (const [title, key] of groups) {
    console.log(`\n| ${title} | n | model MAE | (b) MAE | share of model error | not due: n | acc | FP | FN |`);
    console.log('|---|---|---|---|---|---|---|---|---|');
    const by = new Map<string, Row[]>();
    for (const r of all) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
    for (const [k, rs] of [...by].sort()) {
      const e = rs.reduce((s, r) => s + r.model_err, 0);
      const b = rs.reduce((s, r) => s + r.b_err, 0);
      const nd = rs.filter((r) => r.lateness <= 0);
      const fp = nd.filter((r) => r.p >= 0.5 && !r.late).length;
      const fn = nd.filter((r) => r.p < 0.5 && r.late).length;
      const acc = nd.length ? (100 * (nd.length - fp - fn)) / nd.length : NaN;
      console.log(
        `| ${k} | ${rs.length} | ${(e / rs.length).toFixed(2)} | ${(b / rs.length).toFixed(2)} | ${((100 * e) / total).toFixed(1)} % | ${nd.length} | ${acc.toFixed(1)} % | ${fp} | ${fn} |`
      );
    }
  }
}

async function main() {
  let db: Database;
  let dates: string[];
  let dir: string | null = null;
  if (values.ibm) {
    db = await ibmSampleDatabase();
    dates = REPLAY_DATES.ibm;
  } else {
    const seed = Number(values.seed ?? 7);
    dir = join(tmpdir(), `radar-forecast-errors-${process.pid}-${seed}`);
    await generateLedger({ out: dir, invoices: Number(values.invoices ?? 30000), seed });
    db = await generatedLedgerDatabase(dir);
    await db.write((c) =>
      c.run(
        `create table drift_truth as select customer_id, try_cast(slowdown_start as date) as slowdown_start from read_csv('${join(dir!, 'drift_truth.csv')}', header = true, all_varchar = true)`
      )
    );
    dates = REPLAY_DATES.generated;
  }
  try {
    const all: Row[] = [];
    for (const d of dates) all.push(...(await rows(db, d, !values.ibm)));
    report(all);
  } finally {
    db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
