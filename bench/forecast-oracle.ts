// npx tsx bench/forecast-oracle.ts [--seed 7] [--invoices 30000] [--set name=value,...]: the ceiling of
// the invoice-level pay-date accuracy on a generated ledger. On the open invoice-dates
// bench/eval-forecast.ts scores (its month-ends, the invoices open at each with a known pay date),
// the oracle's median pay date (bench/forecast-oracle-posterior.ts: the generator's own parameters
// for the customer and the invoice, conditioned on what the ledger shows at D) beside the model's
// and baseline (b)'s, overall and by group: due or overdue at D, the customer's slowdown, heavy-tail
// invoices, disputes, instalments, noisy customers, invoices later than all their customer's history,
// open promises. The oracle's own 10–90 % coverage checks the re-derivation (about 80 % if right).
// --set tries other forecast settings, as eval:forecast does. Analysis only.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDay } from '../data/generator/calendar.ts';
import { Random } from '../data/generator/random.ts';
import { generateLedger } from '../data/generator/index.ts';
import type { InvoiceTruth } from '../data/generator/options.ts';
import type { Database } from '../server/db.ts';
import { generatedLedgerDatabase } from '../support/databases.ts';
import { posterior } from './forecast-oracle-posterior.ts';
import { REPLAY_DATES } from './forecast-eval-metrics.ts';
import { forecastOutcomesSql } from './forecast-outcomes-sql.ts';

const { values } = parseArgs({ options: { seed: { type: 'string' }, invoices: { type: 'string' }, set: { type: 'string' } } });
const SEED = Number(values.seed ?? 7);
const INVOICES = Number(values.invoices ?? 30000);

interface Row {
  invoice_id: string;
  due_day: number;
  model_day: number;
  model_low: number;
  model_high: number;
  actual_day: number;
  b_day: number;
  max_late: number | null;
  in_dispute: boolean;
  promised: boolean;
}

interface Scored extends Row {
  asOf: number;
  truth: InvoiceTruth;
  oracle_day: number;
  oracle_low: number;
  oracle_high: number;
  impossible: boolean;
  /** randomised probability integral transform of the actual day under the oracle: uniform if it is right */
  pit: number;
}

async function rows(db: Database, asOf: string): Promise<Row[]> {
  return db.read<Row & Record<string, unknown>>(
    forecastOutcomesSql(`
       f.invoice_id,
       (f.due_date - $1::date)::integer as due_day,
       (f.expected_pay_date - $1::date)::integer as model_day,
       (f.pay_date_low - $1::date)::integer as model_low,
       (f.pay_date_high - $1::date)::integer as model_high,
       (p.paid_on - $1::date)::integer as actual_day,
       greatest((f.due_date - $1::date)::integer + coalesce(h.median_late, pf.median_late, 0)::integer, 1) as b_day,
       w.max_late::integer as max_late,
       coalesce(p.disputed_on <= $1::date and (p.dispute_resolved_on is null or p.dispute_resolved_on > $1::date), false) as in_dispute,
       f.invoice_id in (select invoice_id from promised) as promised`),
    [asOf]
  );
}

const GROUPS: [string, (r: Scored) => string][] = [
  [
    'at D',
    (r) =>
      r.due_day > 30
        ? 'due in 31+ days'
        : r.due_day >= 0
          ? 'due in 0-30 days'
          : r.due_day >= -15
            ? '1-15 late'
            : r.due_day >= -45
              ? '16-45 late'
              : '46+ late'
  ],
  ["customer's slowdown", (r) => (!r.truth.slowdown ? 'none' : r.truth.slowdown.start <= r.asOf ? 'begun by D' : 'starts after D')],
  ['heavy tail (45–150 days added)', (r) => (r.truth.plan.outlierDays > 0 ? 'yes' : 'no')],
  [
    'dispute',
    (r) => {
      const p = r.truth.plan;
      if (p.disputedOn > r.asOf) return p.disputedOn === Infinity ? 'never' : 'opened after D';
      return p.resolvedOn <= r.asOf ? 'resolved by D' : 'open at D';
    }
  ],
  [
    'instalments',
    (r) => {
      const n = r.truth.plan.instalments;
      const seen = r.truth.plan.payments.filter((p) => p.day <= r.asOf).length;
      return n <= 1 ? 'one payment' : seen > 0 ? `${n}, part paid by D` : `${n}, none paid by D`;
    }
  ],
  ['customer kind', (r) => r.truth.customer.kind],
  [
    'days since the slowdown began',
    (r) => {
      const s = r.truth.slowdown;
      if (!s || s.start > r.asOf) return 'not begun';
      const days = r.asOf - s.start;
      return days <= 30 ? '0-30' : days <= 90 ? '31-90' : days <= 180 ? '91-180' : '181+';
    }
  ],
  [
    'slowdown begun in the last 90 days, by lateness at D',
    (r) => {
      const s = r.truth.slowdown;
      if (!s || s.start > r.asOf || r.asOf - s.start > 90) return 'other';
      const late = -r.due_day;
      return late < 0 ? 'not due' : late <= 15 ? '0-15 late' : late <= 45 ? '16-45 late' : '46+ late';
    }
  ],
  ['later than all its history', (r) => (r.max_late === null || -r.due_day >= r.max_late ? 'yes' : 'no')],
  ['open promise', (r) => String(r.promised)],
  ['paid (98 %) by D, a small rest open', (r) => String(r.actual_day <= 0)]
];

const abs = Math.abs;
const pitRandom = new Random(1);

function report(all: Scored[]): void {
  const ok = all.filter((r) => !r.impossible);
  const n = ok.length;
  const sum = (rs: Scored[], f: (r: Scored) => number) => rs.reduce((s, r) => s + f(r), 0);
  const err = {
    oracle: (r: Scored) => abs(r.oracle_day - r.actual_day),
    model: (r: Scored) => abs(r.model_day - r.actual_day),
    b: (r: Scored) => abs(r.b_day - r.actual_day)
  };
  const deciles = new Array(10).fill(0);
  for (const r of ok) deciles[Math.min(9, Math.floor(r.pit * 10))]++;
  const gapTotal = sum(ok, err.model) - sum(ok, err.oracle);
  const covered = ok.filter((r) => r.actual_day >= r.oracle_low && r.actual_day <= r.oracle_high).length;
  const below = ok.filter((r) => r.actual_day < r.oracle_low).length;
  const upToMedian = ok.filter((r) => r.actual_day <= r.oracle_day).length;
  const mae = (rs: Scored[], f: (r: Scored) => number) => sum(rs, f) / rs.length;
  const cut = (x: number, b: number) => `${(100 * (1 - x / b)).toFixed(1)} %`;
  console.log(`seed ${SEED}, ${INVOICES} invoices: ${all.length} open invoice-dates with a known pay date`);
  console.log(`  (${all.length - n} where no paid outcome after D fits the generator's rules: left out; should be 0)`);
  console.log(
    `  MAE: oracle ${mae(ok, err.oracle).toFixed(2)}, model ${mae(ok, err.model).toFixed(2)}, (b) ${mae(ok, err.b).toFixed(2)} days; ` +
      `below (b): oracle ${cut(mae(ok, err.oracle), mae(ok, err.b))}, model ${cut(mae(ok, err.model), mae(ok, err.b))}`
  );
  const modelCovered = ok.filter((r) => r.actual_day >= r.model_low && r.actual_day <= r.model_high).length;
  console.log(`  model 10–90 % coverage ${((100 * modelCovered) / n).toFixed(1)} %`);
  console.log(
    `  oracle 10–90 % coverage ${((100 * covered) / n).toFixed(1)} % (${((100 * below) / n).toFixed(1)} % before the 10th percentile), ` +
      `paid by its median ${((100 * upToMedian) / n).toFixed(1)} %; a right re-derivation gives about 80 %, 10 % and 50 %, less the ` +
      `invoices paid after the ledger's end (not scored: the late tail is cut)`
  );
  console.log(`  oracle PIT by decile (10 % each if right): ${deciles.map((d) => ((100 * d) / n).toFixed(1)).join(' ')}`);
  for (const [title, key] of GROUPS) {
    console.log(`\n| ${title} | n | oracle MAE | model MAE | (b) MAE | model − oracle (days) | share of the gap |`);
    console.log('|---|---|---|---|---|---|---|');
    const by = new Map<string, Scored[]>();
    for (const r of ok) {
      const k = key(r);
      const list = by.get(k);
      if (list) list.push(r);
      else by.set(k, [r]);
    }
    for (const [k, rs] of [...by].sort()) {
      const gap = sum(rs, err.model) - sum(rs, err.oracle);
      console.log(
        `| ${k} | ${rs.length} | ${mae(rs, err.oracle).toFixed(2)} | ${mae(rs, err.model).toFixed(2)} | ${mae(rs, err.b).toFixed(2)} | ${(gap / rs.length).toFixed(2)} | ${((100 * gap) / gapTotal).toFixed(1)} % |`
      );
    }
  }
}

async function main() {
  const truths = new Map<string, InvoiceTruth>();
  const dir = join(tmpdir(), `radar-forecast-oracle-${process.pid}-${SEED}`);
  try {
    await generateLedger({ out: dir, invoices: INVOICES, seed: SEED, truth: (t) => truths.set(t.invoiceId, t) });
    const db = await generatedLedgerDatabase(dir);
    for (const pair of (values.set ?? '').split(',').filter(Boolean)) {
      const [name, value] = pair.split('=');
      if (!Number.isFinite(Number(value))) throw new Error(`--set: expected name=number, got ${pair}`);
      const known = await db.read('select 1 from forecast_settings where setting = $1', [name]);
      if (known.length === 0) throw new Error(`--set: no forecast setting ${name}`);
      await db.write((c) => c.run(`update forecast_settings set value = ${Number(value)} where setting = '${name}'`));
    }
    const all: Scored[] = [];
    for (const date of REPLAY_DATES.generated) {
      const asOf = parseDay(date);
      for (const r of await rows(db, date)) {
        const truth = truths.get(r.invoice_id)!;
        // paid by D (the money reached 98 % of the amount: core/invoice_pay_dates), a small rest still
        // open and written off later: the day paid is known at D
        const post =
          r.actual_day <= 0
            ? { low: asOf + r.actual_day, median: asOf + r.actual_day, high: asOf + r.actual_day, actualWeight: 1, before: 0 }
            : posterior(truth, asOf);
        all.push({
          ...r,
          asOf,
          truth,
          oracle_day: post ? post.median - asOf : r.actual_day,
          oracle_low: post ? post.low - asOf : r.actual_day,
          oracle_high: post ? post.high - asOf : r.actual_day,
          impossible: !post || post.actualWeight === 0,
          pit: post ? post.before + pitRandom.next() * post.actualWeight : 0
        });
      }
    }
    db.close();
    if (process.env.ORACLE_DEBUG)
      for (const r of all.filter((x) => x.impossible).slice(0, Number(process.env.ORACLE_DEBUG)))
        console.log(
          JSON.stringify({
            asOf: r.asOf,
            actual: r.actual_day,
            id: r.invoice_id,
            c: { m: r.truth.customer.lateMean, s: r.truth.customer.lateNoise, kind: r.truth.customer.kind, terms: r.truth.customer.terms },
            slow: r.truth.slowdown,
            plan: r.truth.plan
          })
        );
    report(all);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
