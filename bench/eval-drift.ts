// npm run eval:drift [-- --invoices N --seed S --weekly]: generate a ledger with known slowdowns,
// replay its month-ends (or, with --weekly, its Sundays: a controller's weekly review) and score
// the drift flags against the truth, beside two simple baselines.
// Definitions: docs/drift.md "Evaluation" and bench/drift-eval-metrics.ts.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLedger } from '../data/generator/index.ts';
import type { Database } from '../server/db.ts';
import { generatedLedgerDatabase } from '../support/databases.ts';
import { evaluate, f1, type MethodResult, type Truth, type Verdicts } from './drift-eval-metrics.ts';

const { values } = parseArgs({
  options: { invoices: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, weekly: { type: 'boolean' } }
});
const INVOICES = Number(values.invoices ?? 30000);
const SEED = Number(values.seed ?? 7);
/** Baseline 1 flags a recent average above this many days late; the best of these thresholds (by F1) is reported. */
const B1_THRESHOLDS = [5, 10, 15, 20, 25, 30, 40];
const B2_RATIO = 1.5;
/** Baseline 2 needs a positive historical delay for its ratio to mean anything. */
const B2_HISTORY_FLOOR = 5;
const HISTORY_MONTHS = 12;
/**
 * The references (bounds, not methods: they read the truth) see a slowed invoice once it is this
 * many days later than the customer's pre-slowdown median, and flag from the k-th such invoice.
 */
const REFERENCES = [
  { invoices: 2, margin: 10 },
  { invoices: 2, margin: 3 },
  { invoices: 1, margin: 10 }
] as const;

const DAY = 86_400_000;
const toDay = (date: string) => Date.parse(date) / DAY;
const log = (message: string) => process.stderr.write(message + '\n');

async function main() {
  const dir = join(tmpdir(), `radar-eval-drift-${process.pid}`);
  try {
    const ledger = await generateLedger({ out: dir, invoices: INVOICES, seed: SEED });
    log(`generated ${INVOICES} invoices, seed ${SEED}: ${ledger.summary.slowingCustomers} slowing customers`);
    const db = await generatedLedgerDatabase(dir);
    const truth = await readTruth(db, ledger.files.drift_truth);
    const customers = [...truth.keys()];
    const asOfDates = await replayDates(db, values.weekly ?? false);
    log(`replaying ${asOfDates.length} ${values.weekly ? 'Sundays' : 'month-ends'} ${asOfDates[0]} … ${asOfDates[asOfDates.length - 1]}`);

    const score: { day: number; verdicts: Verdicts }[] = [];
    const b1: Map<number, { day: number; verdicts: Verdicts }[]> = new Map(B1_THRESHOLDS.map((t) => [t, []]));
    const b2: { day: number; verdicts: Verdicts }[] = [];
    const started = Date.now();
    for (const asOf of asOfDates) {
      const day = toDay(asOf);
      const drift = await db.read<{ customer_id: string; score: number; flagged: boolean }>(
        'select customer_id, score::double as score, flagged from drift($1::date)',
        [asOf]
      );
      score.push({ day, verdicts: new Map(drift.map((r) => [r.customer_id, { flagged: r.flagged, rank: r.score }])) });
      const simple = await baselineFigures(db, asOf);
      for (const [threshold, list] of b1) {
        list.push({
          day,
          verdicts: new Map(
            simple.map((r) => [r.customer_id, { flagged: r.recent_avg !== null && r.recent_avg > threshold, rank: r.recent_avg ?? -1e9 }])
          )
        });
      }
      b2.push({
        day,
        verdicts: new Map(
          simple.map((r) => {
            const ratio = r.recent_avg !== null && r.hist_avg !== null ? r.recent_avg / Math.max(r.hist_avg, B2_HISTORY_FLOOR) : null;
            return [r.customer_id, { flagged: ratio !== null && ratio > B2_RATIO, rank: ratio ?? -1e9 }];
          })
        )
      });
    }
    log(
      `scored in ${((Date.now() - started) / 1000).toFixed(1)} s (${((Date.now() - started) / asOfDates.length).toFixed(0)} ms per as-of date for all methods)`
    );

    // one late invoice flags: the fastest rule that does not read the truth, and what it costs
    const oneLate: { day: number; verdicts: Verdicts }[] = [];
    for (const asOf of asOfDates) {
      const rows = await oneLateInvoice(db, asOf);
      oneLate.push({ day: toDay(asOf), verdicts: new Map(rows.map((r) => [r.customer_id, { flagged: r.late > 0, rank: r.late }])) });
    }

    // what any method that waits for k late invoices could reach at best (they know the truth)
    const references: [string, { day: number; verdicts: Verdicts }[]][] = [];
    for (const { invoices, margin } of REFERENCES) {
      const visible = await slowedInvoiceVisible(db, ledger.files.drift_truth, invoices, margin);
      const months = asOfDates.map((asOf) => {
        const day = toDay(asOf);
        return { day, verdicts: new Map([...visible].map(([c, on]) => [c, { flagged: on <= day, rank: on <= day ? 1 : 0 }])) };
      });
      const what = invoices === 1 ? '1 slowed invoice' : `${invoices} slowed invoices`;
      references.push([`reference (knows the truth): ${what} ${margin}+ days past the norm`, months]);
    }

    const results: [string, MethodResult][] = [['drift score (flag at 50)', evaluate(score, truth, customers)]];
    const b1Results = B1_THRESHOLDS.map((t) => [t, evaluate(b1.get(t)!, truth, customers)] as const);
    const [bestT, bestB1] = b1Results.reduce((best, next) => (f1(next[1]) > f1(best[1]) ? next : best));
    results.push([`baseline 1: 90-day avg days late > ${bestT}`, bestB1]);
    results.push([`baseline 2: 90-day avg > ${B2_RATIO}× history`, evaluate(b2, truth, customers)]);
    results.push([
      "one late invoice: any invoice due in the last 180 days past the score's threshold",
      evaluate(oneLate, truth, customers)
    ]);
    for (const [name, months] of references) results.push([name, evaluate(months, truth, customers)]);

    // how the drift score trades precision for recall around its flag threshold
    const sweep = [30, 35, 40, 45, 50, 55, 60].map((t) => {
      const months = score.map(({ day, verdicts }) => ({
        day,
        verdicts: new Map([...verdicts].map(([c, v]) => [c, { flagged: v.rank >= t, rank: v.rank }]))
      }));
      const r = evaluate(months, truth, customers);
      return `score ≥ ${t}: precision ${pctText(r.precision)}, recall ${pctText(r.recall)}, median start → flag ${r.medianDelay ?? 'never'} d`;
    });
    log(sweep.join('\n'));

    if (values.json)
      process.stdout.write(
        JSON.stringify({ invoices: INVOICES, seed: SEED, asOfDates, results: Object.fromEntries(results) }, null, 2) + '\n'
      );
    else process.stdout.write(table(results) + '\n');
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readTruth(db: Database, path: string): Promise<Map<string, Truth>> {
  const rows = await db.read<{ customer_id: string; slowdown_start: string | null; first30: string | null }>(
    `with truth as (
       select customer_id, slowdown_start::date as slowdown_start from read_csv($1, header = true, all_varchar = true)
     )
     select
       t.customer_id,
       t.slowdown_start,
       (select min(p.due_date + 30) from invoice_pay_dates as p
         where p.customer_id = t.customer_id and p.due_date + 30 >= t.slowdown_start
           and (p.paid_on is null or p.paid_on - p.due_date >= 30)) as first30
     from truth as t`,
    [path]
  );
  return new Map(
    rows.map((r) => [
      r.customer_id,
      { start: r.slowdown_start ? toDay(r.slowdown_start) : null, first30: r.first30 ? toDay(r.first30) : null }
    ])
  );
}

/**
 * A bound, not a method: for each slowing customer, the first day on which `k` of its invoices
 * whose usual pay day (due date + its median days late before the start) falls on or after the
 * slowdown start were `margin`+ days later than that median (paid so late, or still open then).
 * Flagging from that day on is the best any method that needs k late invoices can do (two, to
 * resist single outliers); its recall and lead times show what the data allow at month-ends.
 */
async function slowedInvoiceVisible(db: Database, path: string, k: number, margin: number): Promise<Map<string, number>> {
  const rows = await db.read<{ customer_id: string; visible_on: string }>(
    `with truth as (
       select customer_id, slowdown_start::date as s from read_csv($1, header = true, all_varchar = true) where slowdown_start is not null
     ),
     norms as (
       select p.customer_id, median(p.paid_on - p.due_date)::integer as m
       from invoice_pay_dates as p join truth as t using (customer_id)
       where p.paid_on < t.s group by p.customer_id
     ),
     visible as (
       select p.customer_id, p.due_date + n.m + $3 + 1 as visible_on
       from invoice_pay_dates as p join truth as t using (customer_id) join norms as n using (customer_id)
       where p.due_date + n.m >= t.s and coalesce(p.paid_on - p.due_date, 100000) > n.m + $3
     )
     select customer_id, list_sort(list(visible_on))[$2]::varchar as visible_on
     from visible group by customer_id having count(*) >= $2`,
    [path, k, margin]
  );
  return new Map(rows.map((r) => [r.customer_id, toDay(r.visible_on)]));
}

/**
 * The single-invoice rule: at as_of, how many of a customer's invoices due in the last 180 days
 * (since the norm's year ended) were paid, or are still open, later than the score's threshold
 * (norm + max(2.5 spreads, 10 days)). It flags from one: as fast as the score's own threshold
 * allows, without the second late invoice that keeps single outliers out.
 */
async function oneLateInvoice(db: Database, asOf: string) {
  return db.read<{ customer_id: string; late: number }>(
    `select d.customer_id, count(p.invoice_id)::integer as late
     from drift($1::date) as d
     left join invoice_pay_dates as p
       on p.customer_id = d.customer_id
      and p.invoice_date <= $1::date and p.due_date <= $1::date and p.due_date > $1::date - 180
      and (p.disputed_on is null or p.disputed_on > $1::date)
      and not (coalesce(p.written_off_on <= $1::date, false) and not coalesce(p.paid_on <= $1::date, false))
      and (case when p.paid_on <= $1::date then p.paid_on else $1::date end) - p.due_date > d.threshold_days
     group by d.customer_id`,
    [asOf]
  );
}

/**
 * Month-ends from a year after the first invoice (a norm to compare with) to the last full month;
 * weekly, every Sunday from the first of those month-ends to the last.
 */
async function replayDates(db: Database, weekly: boolean): Promise<string[]> {
  const rows = await db.read<{ d: string }>(
    `select (m + interval 1 month - interval 1 day)::date as d
     from range(date_trunc('month', (select min(invoice_date) from invoice_pay_dates) + interval ${HISTORY_MONTHS} month),
                (select max(invoice_date) from invoice_pay_dates)::timestamp, interval 1 month) as t(m)
     where (m + interval 1 month - interval 1 day)::date <= (select max(invoice_date) from invoice_pay_dates)
     order by d`
  );
  const asOfDates = rows.map((r) => r.d);
  if (!weekly || asOfDates.length === 0) return asOfDates;
  const sundays = await db.read<{ d: string }>(
    `select d::date as d from range($1::date + ((7 - dayofweek($1::date)) % 7)::integer, $2::date + 1, interval 1 day) as t(d)
     where dayofweek(d) = 0 order by d`,
    [asOfDates[0]!, asOfDates[asOfDates.length - 1]!]
  );
  return sundays.map((r) => r.d);
}

/** The two baselines' inputs: plain average days late of invoices paid in the last 90 days, and before. */
async function baselineFigures(db: Database, asOf: string) {
  return db.read<{ customer_id: string; recent_avg: number | null; hist_avg: number | null }>(
    `with paid as (
       select customer_id, paid_on, paid_on - due_date as days_late
       from invoice_pay_dates
       where invoice_date <= $1::date and paid_on <= $1::date and (disputed_on is null or disputed_on > $1::date)
     )
     select customer_id,
       avg(days_late) filter (where paid_on > $1::date - 90)::double as recent_avg,
       avg(days_late) filter (where paid_on <= $1::date - 90)::double as hist_avg
     from paid group by customer_id`,
    [asOf]
  );
}

function pctText(x: number | null): string {
  return x === null ? '—' : `${(100 * x).toFixed(1)} %`;
}

function table(results: [string, MethodResult][]): string {
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
  const days = (x: number | null) => (x === null ? 'never' : `${Math.round(x)} d`);
  const lines = [
    `| method | flags | precision | recall | precision@${20} | false flags (steady pairs) | steady customers ever flagged | detected | median days start → flag | median days flag before first 30+ late |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      ([name, r]) =>
        `| ${name} | ${r.flags} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.precisionAtK)} | ${pct(r.falseFlagRatePairs)} | ${pct(r.falseFlagRateCustomers)} | ${r.detected}/${r.slowing} | ${days(r.medianDelay)} | ${days(r.medianLeadBefore30)} |`
    )
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  log(`eval-drift failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
