// npm run eval:forecast [-- --invoices N --tune-seed S --holdout-seed S --only generated|ibm|tune --set name=value,...
//   --starts month-ends|mondays --json]
// (--only tune --set 'a=1;a=2,b=3': each ';'-separated group of settings replayed on the one ledger, one table each):
// replays month-ends of two generated ledgers (one seed used while choosing the settings, one held
// out) and of the IBM sample (mid-2012 on), forecasting from what was known at each date and
// scoring against what happened next, beside three baselines computed in the same run
// (--starts mondays: the Sunday on or before each month-end instead, so the weeks run Monday to
// Sunday like the overview's past weeks):
// (a) every invoice paid on its due date, (b) due date + the customer's median days late so far,
// (c) Upflow's billing-month collection curve applied to open amounts (weeks only).
// Definitions: docs/forecast.md "Evaluation" and bench/forecast-eval-metrics.ts. --set tries other
// values of sql/seeds/forecast_settings.csv (in the evaluation's databases only); --only tune runs
// the seed settings are chosen on and nothing else, so a setting is never chosen on the others.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLedger } from '../data/generator/index.ts';
import type { Database } from '../server/db.ts';
import { forecastWeeks } from '../server/queries/forecast.ts';
import { ibmSampleDatabase } from '../support/databases.ts';
import { generatedLedgerDatabase } from '../support/databases.ts';
import { bias, classify, coverage, mae, MONDAY_REPLAY_DATES, REPLAY_DATES, wape, type Classified } from './forecast-eval-metrics.ts';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string' },
    'tune-seed': { type: 'string' },
    'holdout-seed': { type: 'string' },
    only: { type: 'string' },
    set: { type: 'string' },
    starts: { type: 'string' },
    json: { type: 'boolean' }
  }
});
const INVOICES = Number(values.invoices ?? 30000);
const TUNE_SEED = Number(values['tune-seed'] ?? 7);
const HOLDOUT_SEED = Number(values['holdout-seed'] ?? 11);
const WEEKS = 13;
if (values.starts !== undefined && values.starts !== 'month-ends' && values.starts !== 'mondays')
  throw new Error(`--starts: month-ends or mondays, got ${values.starts}`);
const MONDAYS = values.starts === 'mondays';
const DATES = MONDAYS ? MONDAY_REPLAY_DATES : REPLAY_DATES;
const DATES_NAME = MONDAYS ? 'Sundays (weeks from Monday)' : 'month-ends';
const parseSettings = (group: string) =>
  group
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name, value] = pair.split('=');
      if (!name || value === undefined || !Number.isFinite(Number(value))) throw new Error(`--set: expected name=number, got ${pair}`);
      return [name.trim(), Number(value)] as const;
    });
const VARIANTS = (values.set ?? '').split(';').map(parseSettings);
if (VARIANTS.length > 1 && values.only !== 'tune') throw new Error('--set: several groups of settings (;) only with --only tune');
let SETTINGS = VARIANTS[0];

/** The settings of --set, in this database only; a name the seed does not have is an error. */
async function applySettings(db: Database): Promise<void> {
  for (const [name, value] of SETTINGS) {
    const known = await db.read('select 1 from forecast_settings where setting = $1', [name]);
    if (known.length === 0) throw new Error(`--set: no forecast setting ${name} (sql/seeds/forecast_settings.csv)`);
    // a finite number (checked above), so it is written as a literal; the name was found above
    await db.write((connection) => connection.run(`update forecast_settings set value = ${value} where setting = '${name}'`));
  }
}
const log = (message: string) => process.stderr.write(message + '\n');

interface InvoiceRow {
  balance: number;
  due_day: number;
  model_day: number;
  low_day: number;
  high_day: number;
  late_probability: number;
  actual_day: number | null;
  late: boolean;
  a_day: number;
  b_day: number;
  b_rate: number;
}

interface Collected {
  invoices: InvoiceRow[];
  /** per as-of date: actual cash and each method's forecast, by week 1..13 */
  weeks: { actual: number[]; model: number[]; low: number[]; high: number[]; a: number[]; b: number[]; c: number[] }[];
}

async function invoiceRows(db: Database, asOf: string): Promise<InvoiceRow[]> {
  return db.read<InvoiceRow & Record<string, unknown>>(
    `with
     forecast as (select * from forecast_invoices($1::date)),
     history as (
       select customer_id, median(paid_on - due_date) as median_late, avg((paid_on > due_date)::integer) as late_rate
       from invoice_pay_dates where paid_on <= $1::date group by customer_id
     ),
     portfolio as (
       select median(paid_on - due_date) as median_late, avg((paid_on > due_date)::integer) as late_rate
       from invoice_pay_dates where paid_on <= $1::date
     )
     select
       f.balance::double as balance,
       (f.due_date - $1::date)::integer as due_day,
       (f.expected_pay_date - $1::date)::integer as model_day,
       (f.pay_date_low - $1::date)::integer as low_day,
       (f.pay_date_high - $1::date)::integer as high_day,
       f.late_probability::double as late_probability,
       (p.paid_on - $1::date)::integer as actual_day,
       p.paid_on is null or p.paid_on > p.due_date as late,
       greatest((f.due_date - $1::date)::integer, 1) as a_day,
       greatest((f.due_date - $1::date)::integer + coalesce(h.median_late, pf.median_late, 0)::integer, 1) as b_day,
       coalesce(h.late_rate, pf.late_rate, 0)::double as b_rate
     from forecast as f
     join invoice_pay_dates as p using (invoice_id)
     left join history as h on h.customer_id = f.customer_id
     cross join portfolio as pf`,
    [asOf]
  );
}

/** Cash that came in each week after as_of on the invoices open at as_of. */
async function actualWeeks(db: Database, asOf: string): Promise<number[]> {
  const rows = await db.read<{ week: number; cash: number }>(
    `select ((f.flow_date - $1::date - 1) // 7 + 1)::integer as week, sum(-f.amount)::double as cash
     from invoice_flows as f
     where f.kind = 'payment' and f.invoice_date <= $1::date and f.flow_date > $1::date and f.flow_date <= $1::date + ${7 * WEEKS}
     group by week`,
    [asOf]
  );
  const weeks = new Array(WEEKS).fill(0);
  for (const r of rows) weeks[r.week - 1] = r.cash;
  return weeks;
}

/**
 * Baseline (c), Upflow's method: c_N = the share of a billing month's invoices collected in its
 * N-th month after billing (from the 24 billing months before as_of, each month counting where
 * N months have passed). An open invoice N months old then brings balance × c_M / Σ_{n>N} c_n in
 * its M-th month; each month's cash is spread evenly over its days and summed into weeks.
 */
async function upflowWeeks(db: Database, asOf: string): Promise<number[]> {
  const curve = await db.read<{ n: number; share: number }>(
    `with
     billed as (
       select invoice_id, date_trunc('month', invoice_date)::date as month, amount
       from stg_invoices
       where invoice_date <= $1::date and invoice_date > $1::date - interval 24 months
     ),
     months as (select month, sum(amount) as amount, datediff('month', month, date_trunc('month', $1::date)) as age from billed group by month),
     collected as (
       select datediff('month', b.month, date_trunc('month', f.flow_date)) as n, sum(-f.amount) as cash
       from invoice_flows as f join billed as b using (invoice_id)
       where f.kind = 'payment' and f.flow_date <= $1::date
       group by n
     )
     select c.n::integer as n, (c.cash / (select sum(amount) from months where age >= c.n))::double as share
     from collected as c order by n`,
    [asOf]
  );
  const share = new Map(curve.map((r) => [r.n, r.share]));
  const open = await db.read<{ age: number; balance: number }>(
    `select datediff('month', date_trunc('month', invoice_date), date_trunc('month', $1::date))::integer as age, sum(balance)::double as balance
     from open_invoices($1::date) where balance > 0 group by age`,
    [asOf]
  );
  const weeks = new Array(WEEKS).fill(0);
  const base = new Date(asOf + 'T00:00:00Z');
  for (const { age, balance } of open) {
    let rest = 0;
    for (const [n, s] of share) if (n > age) rest += s;
    if (rest <= 0) continue;
    for (let m = 1; m <= 5; m++) {
      const cash = (balance * (share.get(age + m) ?? 0)) / rest;
      const first = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + m, 1));
      const days = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + m + 1, 0)).getUTCDate();
      const offset = Math.round((first.getTime() - base.getTime()) / 86_400_000);
      for (let d = 0; d < days; d++) {
        const week = Math.floor((offset + d - 1) / 7) + 1;
        if (week >= 1 && week <= WEEKS) weeks[week - 1] += cash / days;
      }
    }
  }
  return weeks;
}

function weeksOf(rows: InvoiceRow[], day: (r: InvoiceRow) => number): number[] {
  const weeks = new Array(WEEKS).fill(0);
  for (const r of rows) {
    const week = Math.floor((day(r) - 1) / 7) + 1;
    if (week >= 1 && week <= WEEKS) weeks[week - 1] += r.balance;
  }
  return weeks;
}

async function replay(db: Database, dates: string[]): Promise<Collected> {
  const collected: Collected = { invoices: [], weeks: [] };
  for (const asOf of dates) {
    const rows = await invoiceRows(db, asOf);
    // unconverted, like the cash that came in and the baselines
    const model = await forecastWeeks(db, asOf, WEEKS, null);
    collected.invoices.push(...rows);
    collected.weeks.push({
      actual: await actualWeeks(db, asOf),
      model: model.map((w) => w.expected),
      low: model.map((w) => w.low),
      high: model.map((w) => w.high),
      a: weeksOf(rows, (r) => r.a_day),
      b: weeksOf(rows, (r) => r.b_day),
      c: await upflowWeeks(db, asOf)
    });
  }
  return collected;
}

type Method = 'model' | 'a' | 'b' | 'c';
interface Figures extends Classified {
  invoices: number;
  mae: number | null;
  interval: number | null;
  wape4: number | null;
  wape13: number | null;
  bias4: number | null;
  weekCoverage: number | null;
}

function score(c: Collected): Record<Method, Figures> {
  const paid = c.invoices.filter((r) => r.actual_day !== null);
  const notDue = c.invoices.filter((r) => r.due_day >= 0);
  const weekPairs = (method: Method, upTo: number) =>
    c.weeks.flatMap((w) => w.actual.slice(0, upTo).map((actual, k) => ({ actual, forecast: w[method][k] })));
  const weekCoverage = coverage(c.weeks.flatMap((w) => w.actual.map((actual, k) => ({ actual, low: w.low[k], high: w.high[k] }))));
  const none = { accuracy: null, precision: null, recall: null, auc: null, brier: null };
  const figures = (method: Method, invoice: Partial<Figures>): Figures => ({
    invoices: paid.length,
    mae: null,
    interval: null,
    ...none,
    ...invoice,
    wape4: wape(weekPairs(method, 4)),
    wape13: wape(weekPairs(method, 13)),
    bias4: bias(weekPairs(method, 4)),
    weekCoverage: method === 'model' ? weekCoverage : null
  });
  return {
    model: figures('model', {
      mae: mae(paid.map((r) => ({ predicted: r.model_day, actual: r.actual_day! }))),
      interval: coverage(paid.map((r) => ({ low: r.low_day, high: r.high_day, actual: r.actual_day! }))),
      ...classify(notDue.map((r) => ({ p: r.late_probability, late: r.late })))
    }),
    a: figures('a', {
      mae: mae(paid.map((r) => ({ predicted: r.a_day, actual: r.actual_day! }))),
      // paid on the due date: never late
      ...classify(notDue.map((r) => ({ p: 0, late: r.late })))
    }),
    b: figures('b', {
      mae: mae(paid.map((r) => ({ predicted: r.b_day, actual: r.actual_day! }))),
      ...classify(notDue.map((r) => ({ p: r.b_rate, late: r.late })))
    }),
    c: figures('c', {})
  };
}

/** Payment-run seasonality: the share of cash paid in the last 3 days of a month (about 10 % without runs). */
async function monthEndShare(db: Database): Promise<number> {
  const [row] = await db.read<{ share: number }>(
    `select (sum(-amount) filter (where day(flow_date) > day(last_day(flow_date)) - 3) / sum(-amount))::double as share
     from invoice_flows where kind = 'payment'`
  );
  return row.share;
}

const NAMES: Record<Method, string> = {
  model: 'forecast (docs/forecast.md)',
  a: '(a) paid on the due date',
  b: '(b) due + customer median days late',
  c: '(c) Upflow: billing-month collection curve'
};

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const signed = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${(100 * x).toFixed(1)} %`);
const num = (x: number | null, digits = 1) => (x === null ? '–' : x.toFixed(digits));

function table(result: Record<Method, Figures>): string {
  const head =
    '| method | MAE (days) | 10–90 % coverage | late: accuracy | precision | recall | AUC | Brier | WAPE wk 1–4 | WAPE wk 1–13 | bias wk 1–4 | weekly 80 % coverage |';
  const rule = '|---|---|---|---|---|---|---|---|---|---|---|---|';
  const lines = (Object.keys(NAMES) as Method[]).map((m) => {
    const f = result[m];
    return `| ${NAMES[m]} | ${num(f.mae)} | ${pct(f.interval)} | ${pct(f.accuracy)} | ${pct(f.precision)} | ${pct(f.recall)} | ${num(f.auc, 3)} | ${num(f.brier, 3)} | ${pct(f.wape4)} | ${pct(f.wape13)} | ${signed(f.bias4)} | ${pct(f.weekCoverage)} |`;
  });
  return [head, rule, ...lines].join('\n');
}

function targets(result: Record<Method, Figures>, ibm: boolean): string[] {
  const best = (key: 'mae' | 'wape4') => Math.min(...(['a', 'b', 'c'] as Method[]).map((m) => result[m][key] ?? Infinity));
  const m = result.model;
  const maeCut = m.mae !== null ? 1 - m.mae / best('mae') : null;
  const wapeCut = m.wape4 !== null ? 1 - m.wape4 / best('wape4') : null;
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const lines = [
    `- invoice MAE ${pct(maeCut)} below the best baseline (target ≥ 25 %): ${verdict((maeCut ?? 0) >= 0.25)}`,
    `- 10–90 % interval coverage ${pct(m.interval)} (target 75–85 %): ${verdict(m.interval !== null && m.interval >= 0.75 && m.interval <= 0.85)}`,
    `- weekly WAPE over weeks 1–4 ${pct(wapeCut)} below the best baseline (target ≥ 20 %): ${verdict((wapeCut ?? 0) >= 0.2)}`
  ];
  if (ibm) {
    lines.push(`- late/not-late accuracy ${pct(m.accuracy)} (target ≥ 85 %): ${verdict((m.accuracy ?? 0) >= 0.85)}`);
    lines.push(`- AUC ${num(m.auc, 3)} (target ≥ 0.85): ${verdict((m.auc ?? 0) >= 0.85)}`);
  }
  return lines;
}

async function evaluateGenerated(seed: number): Promise<{ dates: string[]; result: Record<Method, Figures>; monthEnd: number }> {
  const dir = join(tmpdir(), `radar-eval-forecast-${process.pid}-${seed}`);
  try {
    const ledger = await generateLedger({ out: dir, invoices: INVOICES, seed });
    const db = await generatedLedgerDatabase(dir);
    await applySettings(db);
    const dates = DATES.generated;
    log(
      `seed ${seed}: ${INVOICES} invoices (${ledger.summary.start} … ${ledger.summary.end}), replaying ${dates.length} ${DATES_NAME} ${dates[0]} … ${dates.at(-1)}`
    );
    const started = Date.now();
    const result = score(await replay(db, dates));
    log(`  ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const monthEnd = await monthEndShare(db);
    // the other groups of --set, on the same ledger (--only tune), printed after the first
    for (const variant of VARIANTS.slice(1)) {
      await db.write((connection) => connection.run(`delete from forecast_settings`));
      await db.write((connection) =>
        connection.run(`insert into forecast_settings select * from read_csv('sql/seeds/forecast_settings.csv', header = true)`)
      );
      SETTINGS = variant;
      await applySettings(db);
      const more = score(await replay(db, dates));
      process.stdout.write(
        `#### seed ${seed}, settings ${variant.map(([n, v]) => `${n} = ${v}`).join(', ') || 'as in the seed file'}\n\n${table(more)}\n\n${targets(more, false).join('\n')}\n\n`
      );
    }
    db.close();
    return { dates, result, monthEnd };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function evaluateIbm(): Promise<{ dates: string[]; result: Record<Method, Figures>; monthEnd: number }> {
  const db = await ibmSampleDatabase();
  await applySettings(db);
  const dates = DATES.ibm;
  log(`IBM sample: replaying ${dates.length} ${DATES_NAME} ${dates[0]} … ${dates.at(-1)}`);
  const result = score(await replay(db, dates));
  const monthEnd = await monthEndShare(db);
  db.close();
  return { dates, result, monthEnd };
}

async function main() {
  const sections: { title: string; dates: string[]; result: Record<Method, Figures>; monthEnd: number; ibm: boolean }[] = [];
  if (values.only !== 'ibm') {
    sections.push({
      title: `Generated ledger, seed ${TUNE_SEED} (settings chosen on it), ${INVOICES} invoices`,
      ibm: false,
      ...(await evaluateGenerated(TUNE_SEED))
    });
    if (values.only !== 'tune')
      sections.push({
        title: `Generated ledger, seed ${HOLDOUT_SEED} (held out), ${INVOICES} invoices`,
        ibm: false,
        ...(await evaluateGenerated(HOLDOUT_SEED))
      });
  }
  if (values.only !== 'generated' && values.only !== 'tune')
    sections.push({ title: 'IBM sample (2,466 real invoices, 100 customers)', ibm: true, ...(await evaluateIbm()) });
  if (values.json) {
    process.stdout.write(JSON.stringify(sections, null, 2) + '\n');
    return;
  }
  if (VARIANTS[0].length > 0)
    process.stdout.write(`Settings changed for this run: ${VARIANTS[0].map(([n, v]) => `${n} = ${v}`).join(', ')}\n\n`);
  for (const s of sections) {
    const invoices = s.result.model.invoices;
    process.stdout.write(
      [
        `### ${s.title}`,
        '',
        `${s.dates.length} ${DATES_NAME} ${s.dates[0]} … ${s.dates.at(-1)}; ${invoices} open invoice-dates with a known pay date; ` +
          `cash paid in the last 3 days of a month: ${pct(s.monthEnd)} (no payment runs: about 10 %).`,
        '',
        table(s.result),
        '',
        ...targets(s.result, s.ibm),
        ''
      ].join('\n') + '\n'
    );
  }
}

await main();
