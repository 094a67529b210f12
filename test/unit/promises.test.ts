// Promise statuses (GET /api/promises) and the escalation a broken promise causes, on a ledger worked
// by hand at D = 2024-06-30 with the 3 days of grace of sql/seeds/worklist_settings.csv:
//
//   promise  customer  invoices   made   promised  amount  payments in [made, promised + 3]      at D
//   P1       A         IA1;IA2    06-01  06-10     900     IA1 600 on 06-08, IA2 300 on 06-12    kept on 06-12 (600 + 300 = 900 ≤ 06-13)
//   P2       A         IA1        06-15  06-20     400     none in [06-15, 06-23]                broken (grace over 06-23 < D)
//   P3       B         (customer) 06-20  06-28     800     500 on 06-29; 300 on 07-01 (after D)  overdue (06-28 < D ≤ 07-01, 500 < 800)
//   P4       B         IB1        06-30  07-03     100     300 on 07-01 (after D)                due this week (D ≤ 07-03 ≤ D + 6)
//   P5       B         (customer) 06-30  07-20     200     300 on 07-01 (after D)                later
//   P6       A                    07-05  07-10     100                                           made after D: not there
//   P7       A         IA1        03-25  04-01      50     none in [03-25, 04-04]                broken, promised before D − 30: outside the view
//
// Worklist at D: A owes IA1 1000 − 600 = 400 (due 05-01, 60 days past due) and IA2 500 − 300 = 200
// (46 days): the ladder's step 5 (director call, 46–90); P2 and P7 are broken within 180 days, so
// 5 + 2 = 7, capped at the last step 6 (agency or legal review). B owes IB1 800 − 500 = 300, 41
// days past due: step 4 (senior escalation), but P3, P4 and P5 are pending, so B waits for the
// promised payment. A has no pending promise: nothing parks it.
import { describe, expect, it } from 'vitest';
import type { PromisesReport } from '../../server/contracts/promises.ts';
import type { WorklistReport } from '../../server/contracts/risk.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { appOn } from '../helpers/app-on.ts';
import { ACME_AND_BOLT, invoice, ledger, promise } from '../helpers/rows.ts';
import { postJson } from '../helpers/sessions.ts';

const D = '2024-06-30';
const book = appOn(() =>
  ledgerDatabase(
    ledger({
      customers: ACME_AND_BOLT,
      invoices: [
        invoice('IA1', 'A', '2024-04-01', '2024-05-01', '1000.00').paid('Y1', '2024-06-08', '600.00'),
        invoice('IA2', 'A', '2024-04-15', '2024-05-15', '500.00').paid('Y2', '2024-06-12', '300.00'),
        invoice('IB1', 'B', '2024-04-20', '2024-05-20', '800.00').paid('Y3', '2024-06-29', '500.00').paid('Y4', '2024-07-01', '300.00')
      ],
      activities: [
        promise('P1', 'A', 'call', '2024-06-01', '2024-06-10', '900.00', { invoice_id: 'IA1; IA2', collector: 'Ann' }),
        promise('P2', 'A', 'call', '2024-06-15', '2024-06-20', '400.00', { invoice_id: 'IA1' }),
        promise('P3', 'B', 'email', '2024-06-20', '2024-06-28', '800.00'),
        promise('P4', 'B', 'call', '2024-06-30', '2024-07-03', '100.00', { invoice_id: 'IB1' }),
        promise('P5', 'B', 'call', '2024-06-30', '2024-07-20', '200.00'),
        promise('P6', 'A', 'call', '2024-07-05', '2024-07-10', '100.00'),
        promise('P7', 'A', 'letter', '2024-03-25', '2024-04-01', '50.00', { invoice_id: 'IA1' })
      ]
    })
  )
);

async function get<T>(path: string): Promise<T> {
  return (await (await book.app.request(path)).json()) as T;
}

describe('promises view', () => {
  it('gives each promise its status at the as-of date, worked by hand', async () => {
    const report = await get<PromisesReport>(`/api/promises?as_of=${D}`);
    const status = Object.fromEntries(report.promises.map((p) => [p.activity_id, p.status]));
    expect(status).toEqual({ P1: 'kept', P2: 'broken', P3: 'overdue', P4: 'due this week', P5: 'later' });
    const p1 = report.promises.find((p) => p.activity_id === 'P1')!;
    expect(p1).toMatchObject({ invoice_ids: ['IA1', 'IA2'], kept_on: '2024-06-12', made_with: 'Ann', grace_until: '2024-06-13' });
    expect(report.promises.find((p) => p.activity_id === 'P2')).toMatchObject({ paid_amount: 0, kept_on: null });
    // P3 is still in its grace: what it has brought so far is not final and not shown
    expect(report.promises.find((p) => p.activity_id === 'P3')).toMatchObject({ invoice_ids: [], paid_amount: null });
    expect(report.summary).toEqual([
      { status: 'due this week', promises: 1, promised_amount: 100 },
      { status: 'overdue', promises: 1, promised_amount: 800 },
      { status: 'kept', promises: 1, promised_amount: 900 },
      { status: 'broken', promises: 1, promised_amount: 400 },
      { status: 'later', promises: 1, promised_amount: 200 }
    ]);
  });

  it('knows only what was known at the date: P3 is kept once the 07-01 payment is there', async () => {
    const later = await get<PromisesReport>('/api/promises?as_of=2024-07-02');
    expect(later.promises.find((p) => p.activity_id === 'P3')).toMatchObject({ status: 'kept', kept_on: '2024-07-01' });
  });

  it('filters by status, collector and window', async () => {
    expect((await get<PromisesReport>(`/api/promises?as_of=${D}&status=broken`)).promises.map((p) => p.activity_id)).toEqual(['P2']);
    expect((await get<PromisesReport>(`/api/promises?as_of=${D}&collector=Bob`)).promises.map((p) => p.activity_id)).toEqual([
      'P3',
      'P4',
      'P5'
    ]);
    // a window of 100 days reaches back to P7 (promised 04-01)
    expect((await get<PromisesReport>(`/api/promises?as_of=${D}&window=100&status=broken`)).promises.map((p) => p.activity_id)).toEqual([
      'P7',
      'P2'
    ]);
    const bad = await book.app.request(`/api/promises?status=forgotten`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^status: must be one of due this week, overdue, kept, broken, later/);
  });

  it('moves a customer with broken promises up the escalation ladder, at most to its last step', async () => {
    const items = new Map((await get<WorklistReport>(`/api/worklist?as_of=${D}`)).items.map((i) => [i.customer_id, i]));
    const a = items.get('A')!;
    expect(a.oldest_days_past_due).toBe(60);
    expect(a.broken_promises).toBe(2);
    expect(a.next_action).toBe('agency or legal review');
    expect(items.get('B')!.next_action).toBe('wait for promised payment');
  });

  it('records a promise logged in the app for several invoices, kept by their payments together', async () => {
    const response = await postJson(book.app, '/api/activities', {
      customer_id: 'A',
      activity_date: '2024-06-05',
      channel: 'call',
      invoice_ids: ['IA1', 'IA2'],
      promised_date: '2024-06-12',
      promised_amount: 900
    });
    expect(response.status).toBe(201);
    const logged = (await response.json()) as { activity_id: string; invoice_id: string };
    // the activity row keeps the first; the promise covers both: 600 on IA1 + 300 on IA2 by 06-12
    expect(logged.invoice_id).toBe('IA1');
    const row = (await get<PromisesReport>(`/api/promises?as_of=${D}&status=kept`)).promises.find(
      (p) => p.activity_id === logged.activity_id
    )!;
    expect(row).toMatchObject({ invoice_ids: ['IA1', 'IA2'], kept_on: '2024-06-12', status: 'kept' });
    const wrong = await postJson(book.app, '/api/activities', {
      customer_id: 'A',
      activity_date: '2024-06-05',
      channel: 'call',
      invoice_ids: ['IA1', 'IB1'],
      promised_date: '2024-06-12'
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invoice_ids.1: no invoice IB1 of customer A');
  });

  it('exports the view as the page shows it', async () => {
    const csv = await (await book.app.request(`/api/exports/promises.csv?as_of=${D}&collector=Bob`)).text();
    expect(csv).toBe(
      [
        'Promised for,Status,Customer,Name,Collector,Amount,Currency,Invoices,Made on,Channel,By,Kept on,Paid',
        '2024-06-28,overdue,B,Bolt,Bob,800,USD,,2024-06-20,email,,,',
        '2024-07-03,due this week,B,Bolt,Bob,100,USD,IB1,2024-06-30,call,,,',
        '2024-07-20,later,B,Bolt,Bob,200,USD,,2024-06-30,call,,,',
        ''
      ].join('\r\n')
    );
  });
});
