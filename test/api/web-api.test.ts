// The dashboard's own routes through createApp().request(), as the pages call them: the ledger facts,
// the weekly review, invoices and customers behind a figure (on the hand-worked ledger of
// metrics.test.ts, whose figures are worked out there), and the upload page's preview, loads and undo
// (on small files written here and the IBM sample).
//
// invoice  customer  dated       due         amount   what happens                                balance at 2024-03-31
// A        C1        2024-01-10  2024-02-09  1000.00  paid 400 on 02-01, 600 on 04-05              600.00  (51 days past due, 31-60)
// B        C2        2024-02-15  2024-03-16   500.00  over-paid 650 on 03-01                       -150.00  (15 days past due, 1-30)
// C        C3        2024-03-01  2024-03-31   300.00  due today                                    300.00  (current)
// D        C3        2024-03-02  2024-03-30   200.00  credit note 50 on 03-10                      150.00  (1 day past due, 1-30)
// E        C4        2023-10-01  2023-10-31   800.00  written off 800 on 03-15                       0.00
// G        C1        2023-12-20  2024-01-19   250.00  paid 250 on 01-25 (6 days late)                0.00
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Database } from '../../server/db.ts';
import { applySchema, refreshModels } from '../../server/models.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { IBM_SAMPLE } from '../../support/databases.ts';
import { WORKED_LEDGER } from '../helpers/worked-ledger.ts';

const D = '2024-03-31'; // a Sunday: the week 03-25 … 03-31
let db: Database;
let app: ReturnType<typeof createApp>;
let uploads: string;
const withoutDispute = <T extends object>({
  disputed_on: _on,
  dispute_resolved_on: _resolved,
  ...row
}: T & { disputed_on?: unknown; dispute_resolved_on?: unknown }) => row;

beforeAll(async () => {
  uploads = mkdtempSync(join(tmpdir(), 'radar-web-api-'));
  db = await ledgerDatabase({
    customers: [
      { customer_id: 'C1', name: 'One Ltd', segment: 'retail', collector: 'Ann', currency: 'USD' },
      { customer_id: 'C2', name: 'Two Ltd', segment: 'retail', collector: 'Bob', currency: 'USD' },
      { customer_id: 'C3', name: 'Three Ltd', segment: 'public', collector: 'Ann', currency: 'USD' },
      { customer_id: 'C4', name: 'Four Ltd', segment: 'public', collector: 'Bob', currency: 'USD' }
    ],
    // the worked ledger (test/helpers/worked-ledger.ts) less invoice F, the disputes, the promises after
    // T1 and the costs: the rows the figures below were worked on
    invoices: WORKED_LEDGER.invoices!.filter((row) => row.invoice_id !== 'F').map(withoutDispute),
    payments: WORKED_LEDGER.payments,
    adjustments: WORKED_LEDGER.adjustments,
    activities: WORKED_LEDGER.activities!.filter((row) => row.activity_id === 'T1').map(({ cost: _cost, ...row }) => row)
  });
  app = createApp({ db, uploadsDir: uploads, auth: 'disabled' });
});

afterAll(() => {
  db.close();
  rmSync(uploads, { recursive: true, force: true });
});

async function get<T = any>(path: string, status = 200): Promise<T> {
  const response = await app.request(path);
  expect(response.status, `${path}: ${status}`).toBe(status);
  return (await response.json()) as T;
}

describe('GET /api/ledger', () => {
  it('spans the first invoice to the last event and offers the filters that exist', async () => {
    const ledger = await get('/api/ledger');
    // E is dated 2023-10-01; P2 on 2024-04-05 is the last event; the default as-of date is the latest
    // invoice date, D on Saturday 03-02, so the default week is the last complete one: 02-19 .. Sunday 02-25
    expect(ledger).toMatchObject({
      first_date: '2023-10-01',
      last_date: '2024-04-05',
      default_as_of: '2024-03-02',
      last_week_start: '2024-02-19',
      last_week_end: '2024-02-25',
      home_currency: 'USD'
    });
    expect(ledger.currencies).toEqual([{ currency: 'USD', invoices: 6 }]);
    expect(ledger.segments).toEqual(['public', 'retail']);
    expect(ledger.collectors).toEqual(['Ann', 'Bob']);
  });
});

describe('GET /api/review', () => {
  it('ends with the chosen week and shows its KPIs at the week end', async () => {
    const review = await get(`/api/review?week_end=${D}&weeks=14`);
    expect(review).toMatchObject({ week_start: '2024-03-25', week_end: D, window_days: 90 });
    expect(review.points).toHaveLength(14);
    const last = review.points.at(-1);
    // AR = 600 − 150 + 300 + 150 = 900; sales in [01-02, 03-31] = 2000; DSO = 900 / 2000 × 90
    expect(last).toMatchObject({ period_start: '2024-03-25', period_end: D, ar: 900 });
    expect(last.dso).toBeCloseTo(40.5, 10);
    expect(last.bpdso).toBeCloseTo(13.5, 10);
    expect(last.past_due_share).toBeCloseTo(600 / 900, 12);
  });

  it('answers a mid-week date with the week that holds it', async () => {
    const review = await get('/api/review?week_end=2024-03-27&weeks=14');
    expect(review.week_end).toBe(D);
  });

  it('puts each week’s cash where it was collected: P3 (650) in the week of 02-26 … 03-03', async () => {
    const review = await get(`/api/review?week_end=${D}&weeks=14`);
    const week = review.points.find((p: { period_end: string }) => p.period_end === '2024-03-03');
    expect(week.cash_collected).toBe(650);
    expect(review.points.find((p: { period_end: string }) => p.period_end === '2024-03-10').cash_collected).toBe(0);
  });

  it('has CEI, cash collected and cost per dollar equal to /api/period’s for every week', async () => {
    const review = await get(`/api/review?week_end=${D}&weeks=14`);
    for (const point of review.points) {
      const period = await get(`/api/period?from=${point.period_start}&to=${point.period_end}`);
      expect(point.cash_collected, point.period_end).toBe(period.cash_collected);
      expect(point.cei, point.period_end).toBe(period.cei);
      expect(point.cost_per_dollar, point.period_end).toBe(period.cost_per_dollar);
    }
  });

  it('carries the week’s aging: current 300, 1-30 D 150, 31-60 600, and B’s over-payment on the credits line', async () => {
    const review = await get(`/api/review?week_end=${D}&weeks=14`);
    const last = review.aging.at(-1);
    expect(last.period_end).toBe(D);
    expect(last.buckets.slice(0, 3)).toEqual([
      { bucket: 'current', balance: 300, invoices: 1 },
      { bucket: '1-30', balance: 150, invoices: 1 },
      { bucket: '31-60', balance: 600, invoices: 1 }
    ]);
    expect(last.buckets.at(-1)).toEqual({ bucket: 'credits', balance: -150, invoices: 1 });
  });

  it('refuses a bad week with 400 naming the parameter', async () => {
    expect((await get('/api/review?week_end=2024-02-30', 400)).error).toMatch(/^week_end: /);
    expect((await get('/api/review?weeks=3', 400)).error).toMatch(/^weeks: /);
  });
});

describe('GET /api/invoices and its buckets and customers', () => {
  it('adds the buckets up to AR, with the customers in each', async () => {
    const buckets = await get(`/api/invoices/buckets?as_of=${D}`);
    expect(buckets.total).toBe(900);
    expect(buckets.buckets.slice(0, 3)).toEqual([
      { bucket: 'current', balance: 300, invoices: 1, customers: 1 },
      { bucket: '1-30', balance: 150, invoices: 1, customers: 1 },
      { bucket: '31-60', balance: 600, invoices: 1, customers: 1 }
    ]);
    // B, over-paid by 150, is not aged: it is the credits line (300 + 150 + 600 − 150 = 900)
    expect(buckets.buckets.at(-1)).toEqual({ bucket: 'credits', balance: -150, invoices: 1, customers: 1 });
    expect(buckets.currencies).toEqual(['USD']);
  });

  it('lists the invoices of a bucket, oldest first, with days past due', async () => {
    const report = await get(`/api/invoices?as_of=${D}&bucket=1-30`);
    expect(report.count).toBe(1);
    expect(report.balance).toBe(150);
    expect(report.invoices.map((i: any) => [i.invoice_id, i.balance, i.days_past_due])).toEqual([['D', 150, 1]]);
    const credits = await get(`/api/invoices?as_of=${D}&bucket=credits`);
    expect(credits.invoices.map((i: any) => [i.invoice_id, i.balance, i.days_past_due])).toEqual([['B', -150, 15]]);
  });

  it('filters by segment and collector', async () => {
    const publicInvoices = await get(`/api/invoices?as_of=${D}&segment=public`);
    expect(publicInvoices.invoices.map((i: any) => i.invoice_id).sort()).toEqual(['C', 'D']);
    const bob = await get(`/api/invoices/buckets?as_of=${D}&collector=Bob`);
    expect(bob.total).toBe(-150);
  });

  it('names the customers of a bucket, largest balance first', async () => {
    const report = await get(`/api/invoices/customers?as_of=${D}&bucket=1-30`);
    expect(report.customers.map((c: any) => [c.customer_id, c.balance, c.oldest_days_past_due])).toEqual([['C3', 150, 1]]);
    const credits = await get(`/api/invoices/customers?as_of=${D}&bucket=credits`);
    expect(credits.customers.map((c: any) => [c.customer_id, c.balance, c.oldest_days_past_due])).toEqual([['C2', -150, 15]]);
  });
});

describe('GET /api/customers', () => {
  it('ranks customers with past-due money by past-due balance', async () => {
    const report = await get(`/api/customers?as_of=${D}&past_due_only=true`);
    // C1: A 600 (51 days); C3: D 150 (1 day); C2's past due is −150, so it has nothing to chase
    expect(report.customers.map((c: any) => [c.customer_id, c.past_due_balance, c.oldest_days_past_due])).toEqual([
      ['C1', 600, 51],
      ['C3', 150, 1]
    ]);
  });

  it('gives one customer’s own figures, open invoices, payments and timeline', async () => {
    const report = await get(`/api/customers/C1?as_of=${D}`);
    expect(report.customer).toMatchObject({ customer_id: 'C1', name: 'One Ltd', open_balance: 600, past_due_balance: 600 });
    expect(report.kpis.ar).toBe(600);
    expect(report.open_invoices.map((i: any) => i.invoice_id)).toEqual(['A']);
    // G settled 01-25, due 01-19: 6 days late; A is not settled at D
    expect(report.payments.map((p: any) => [p.invoice_id, p.settled_on, p.days_late])).toEqual([['G', '2024-01-25', 6]]);
    expect(report.activities.map((a: any) => a.activity_id)).toEqual(['T1']);
    // its only settled invoice was paid after the norm's year (ending D − 180): no norm, score 0,
    // the same entry as the drift report's
    expect(report.drift).toMatchObject({
      customer_id: 'C1',
      score: 0,
      flagged: false,
      reasons: ['too little payment history for a norm yet']
    });
    const drift = await get(`/api/drift?as_of=${D}`);
    expect(report.drift).toEqual(drift.customers.find((c: any) => c.customer_id === 'C1'));
  });

  it('answers 404 for a customer that does not exist', async () => {
    expect((await get('/api/customers/NOPE', 404)).error).toContain('NOPE');
  });
});

describe('upload preview, loads and undo', () => {
  let loadsDb: Database;
  let loadsApp: ReturnType<typeof createApp>;
  const invoicesCsv = 'Ref,Client,Issued,Due On,Total\nX1,K1,2/11/2024,12/11/2024,100.25\nX2,K1,3/11/2024,12/11/2024,50.50\n';

  beforeAll(async () => {
    loadsDb = await Database.open(':memory:');
    await loadsDb.write(async (connection) => {
      await applySchema(connection);
      await refreshModels(connection);
    });
    loadsApp = createApp({ db: loadsDb, uploadsDir: uploads, auth: 'disabled' });
  });
  afterAll(() => loadsDb.close());

  function form(name: string, text: string | Buffer, fields: Record<string, string> = {}): FormData {
    const body = new FormData();
    body.append('file', new File([typeof text === 'string' ? text : new Uint8Array(text)], name));
    for (const [key, value] of Object.entries(fields)) body.append(key, value);
    return body;
  }
  const preview = (body: FormData) => loadsApp.request('/api/uploads/preview', { method: 'POST', body });
  const loadCount = async () => Number((await loadsDb.read<{ n: string }>('select count(*) as n from loads'))[0]!.n);

  it('previews the IBM sample: settled invoices, M/D/YYYY dates, ids kept as text, every row counted', async () => {
    const response = await preview(form('ibm-ar-sample.csv', readFileSync(IBM_SAMPLE)));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      file: 'ibm-ar-sample.csv',
      format: 'csv',
      delimiter: ',',
      shape: 'settled',
      row_count: 2466,
      problems: []
    });
    expect(body.mapping).toMatchObject({
      invoice_id: 'invoiceNumber',
      customer_id: 'customerID',
      invoice_date: 'InvoiceDate',
      due_date: 'DueDate',
      amount: 'InvoiceAmount',
      settled_date: 'SettledDate',
      delivery_channel: 'PaperlessBill'
    });
    expect(body.date_formats).toEqual({ InvoiceDate: 'MDY', DueDate: 'MDY', SettledDate: 'MDY' });
    expect(body.unmapped_headers).toContain('PaperlessDate');
    expect(body.unmapped_headers).not.toContain('PaperlessBill');
    expect(body.preview).toHaveLength(10);
    expect(body.preview[0]).toMatchObject({ invoiceNumber: '0000611365', InvoiceDate: '1/2/2013', InvoiceAmount: '55.94' });
    expect(body.headers[0]).toBe('countryCode');
  });

  it('says what is missing when the header is not recognised, and writes nothing', async () => {
    const body = await (await preview(form('odd.csv', invoicesCsv, { as: 'invoices' }))).json();
    expect(body.shape).toBe('invoices');
    expect(body.fields.filter((f: any) => f.required).map((f: any) => f.name)).toEqual([
      'invoice_id',
      'customer_id',
      'invoice_date',
      'due_date',
      'amount'
    ]);
    expect(body.mapping.invoice_id).toBeUndefined();
    expect(body.problems.join(' ')).toMatch(/missing required column invoice_id/);
    expect(await loadCount()).toBe(0);
  });

  it('follows a chosen mapping, and asks for a date format when D/M and M/D both fit', async () => {
    const mapping = JSON.stringify({ invoice_id: 'Ref', invoice_date: 'Issued' });
    const ambiguous = await (await preview(form('odd.csv', invoicesCsv, { as: 'invoices', mapping }))).json();
    expect(ambiguous.mapping).toMatchObject({
      invoice_id: 'Ref',
      customer_id: 'Client',
      invoice_date: 'Issued',
      due_date: 'Due On',
      amount: 'Total'
    });
    expect(ambiguous.date_formats).toEqual({ Issued: 'ambiguous', 'Due On': 'ambiguous' });
    expect(ambiguous.problems.join(' ')).toMatch(/fit both M\/D\/YYYY and D\/M\/YYYY/);
    const chosen = await (await preview(form('odd.csv', invoicesCsv, { as: 'invoices', mapping, date_format: 'DMY' }))).json();
    expect(chosen.problems).toEqual([]);
    expect(chosen.date_formats).toEqual({ Issued: 'DMY', 'Due On': 'DMY' });
  });

  it('refuses a preview without exactly one file, or with a mapping that is not JSON', async () => {
    expect((await (await preview(new FormData())).json()).error).toMatch(/^files: /);
    const two = form('a.csv', invoicesCsv);
    two.append('file2', new File([invoicesCsv], 'b.csv'));
    expect((await preview(two)).status).toBe(400);
    const bad = await preview(form('odd.csv', invoicesCsv, { mapping: '{not json' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^mapping: /);
  });

  it('commits with the mapping and date format the preview showed, lists the load, and undoes it', async () => {
    const mapping = JSON.stringify({ invoice_id: 'Ref', invoice_date: 'Issued' });
    const committed = await loadsApp.request('/api/uploads', {
      method: 'POST',
      body: form('odd.csv', invoicesCsv, { as: 'invoices', mapping, date_format: 'DMY' })
    });
    expect(await committed.json()).toEqual({ loaded: { invoices: 2 }, rejected: [] });
    // D/M/YYYY: 2/11/2024 is 2 November
    const rows = await loadsDb.read(
      'select invoice_id, invoice_date, round(amount, 2)::double as amount from stg_invoices order by invoice_id'
    );
    expect(rows).toEqual([
      { invoice_id: 'X1', invoice_date: '2024-11-02', amount: 100.25 },
      { invoice_id: 'X2', invoice_date: '2024-11-03', amount: 50.5 }
    ]);
    const kpis = await (await loadsApp.request('/api/kpis?as_of=2024-11-30')).json();
    expect(kpis.ar).toBe(150.75);

    const { loads } = await (await loadsApp.request('/api/loads')).json();
    expect(loads).toHaveLength(1);
    expect(loads[0]).toMatchObject({
      table_name: 'invoices',
      source_file: 'odd.csv',
      shape: 'invoices',
      rows_loaded: 2,
      replaced: false,
      undone_at: null
    });

    const undo = await loadsApp.request(`/api/loads/${loads[0].load_id}/undo`, { method: 'POST' });
    expect(await undo.json()).toEqual({ load_id: loads[0].load_id, removed: { invoices: 2 } });
    expect((await (await loadsApp.request('/api/kpis?as_of=2024-11-30')).json()).ar).toBe(0);
    const after = (await (await loadsApp.request('/api/loads')).json()).loads[0];
    expect(after.undone_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // a second undo removes nothing
    const again = await loadsApp.request(`/api/loads/${loads[0].load_id}/undo`, { method: 'POST' });
    expect((await again.json()).removed).toEqual({ invoices: 0 });
  });

  it('answers 404 for a load that does not exist and 400 for an id that is not a number', async () => {
    expect((await loadsApp.request('/api/loads/999/undo', { method: 'POST' })).status).toBe(404);
    expect((await (await loadsApp.request('/api/loads/abc/undo', { method: 'POST' })).json()).error).toMatch(/^id: /);
  });

  it('tells how far the write under way is: its step while it runs, nothing when idle', async () => {
    const progress = async () => (await loadsApp.request('/api/loads/progress')).json();
    expect(await progress()).toEqual({ busy: false, stage: null, step: null, percentage: null });
    let release!: () => void;
    const writing = loadsDb.write(async (connection) => {
      loadsDb.setWriteStep('loading', 'checking and loading big.csv');
      // a statement that reads 30 million rows, for DuckDB to report its progress on
      const counting = connection.run('select count(*) from range(30000000) a where a.range % 7 = 3');
      await new Promise<void>((resolve) => (release = resolve));
      await counting;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen: unknown = await progress();
    release();
    await writing;
    expect(seen).toMatchObject({ busy: true, stage: 'loading', step: 'checking and loading big.csv' });
    expect(await progress()).toEqual({ busy: false, stage: null, step: null, percentage: null });
  });

  it('names the model being rebuilt after a load', async () => {
    const steps: string[] = [];
    const original = loadsDb.setWriteStep.bind(loadsDb);
    loadsDb.setWriteStep = (stage, step) => {
      steps.push(`${stage}: ${step}`);
      original(stage, step);
    };
    try {
      const committed = await loadsApp.request('/api/uploads', {
        method: 'POST',
        body: form('more.csv', 'invoice_id,customer_id,invoice_date,due_date,amount\nP1,C1,2024-01-01,2024-01-31,10\n')
      });
      expect(committed.status).toBe(200);
    } finally {
      loadsDb.setWriteStep = original;
    }
    expect(steps[0]).toBe('loading: checking and loading more.csv');
    // a load onto models that were up to date updates only what it touched (server/refresh/)
    expect(steps[1]).toMatch(/^rebuilding: (rebuilding the figures|updating the figures for what changed) \(1 of \d+\)$/);
    expect(steps.at(-1)).toMatch(/^rebuilding: (rebuilding the figures|updating the figures for what changed) \((\d+) of \2\)$/);
  });
});
