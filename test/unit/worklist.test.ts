// The worklist at D = 2024-06-30 on one-invoice customers (1,000.00 each unless said), chosen so
// each boundary of the default escalation ladder (sql/seeds/escalation_ladder.csv) is crossed:
// reminder email 1–7 days past due, call 8–14, formal notice 15–30, senior escalation 31–45,
// director call 46–90, agency or legal review after 90; a disputed invoice goes to resolution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db.ts';
import { worklist } from '../../server/queries/worklist.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { addDays } from '../helpers/risk-ledger.ts';

const D = '2024-06-30';
const dueDaysAgo = (days: number) => addDays(D, -days);

const LADDER: [string, number, string][] = [
  ['L07', 7, 'reminder email'],
  ['L08', 8, 'call'],
  ['L14', 14, 'call'],
  ['L15', 15, 'formal notice'],
  ['L30', 30, 'formal notice'],
  ['L31', 31, 'senior escalation'],
  ['L45', 45, 'senior escalation'],
  ['L46', 46, 'director call'],
  ['L90', 90, 'director call'],
  ['L91', 91, 'agency or legal review']
];

type Row = Record<string, string | number | null>;
const invoice = (customer: string, daysPastDue: number, amount = '1000.00', extra: Row = {}): Row => ({
  invoice_id: `I-${customer}`,
  customer_id: customer,
  invoice_date: addDays(dueDaysAgo(daysPastDue), -30),
  due_date: dueDaysAgo(daysPastDue),
  amount,
  ...extra
});

let db: Database;

beforeAll(async () => {
  db = await ledgerDatabase({
    customers: [
      ...LADDER.map(([id]) => ({ customer_id: id, name: `Ladder ${id}`, collector: 'Bob', credit_limit: '100000.00' })),
      { customer_id: 'BIG', name: 'Big Owes Ltd', collector: 'Ann', credit_limit: '40000.00' },
      { customer_id: 'DISPUTED', name: 'Disputing Co', collector: 'Ann', credit_limit: '100000.00' },
      { customer_id: 'CALLED_YESTERDAY', collector: 'Ann', credit_limit: '100000.00' },
      { customer_id: 'CALLED_2_DAYS_AGO', collector: 'Ann', credit_limit: '100000.00' },
      { customer_id: 'PROMISED', collector: 'Ann', credit_limit: '100000.00' },
      { customer_id: 'BROKE_PROMISE', collector: 'Ann', credit_limit: '100000.00' },
      { customer_id: 'KEPT_PROMISE', collector: 'Ann', credit_limit: '100000.00' },
      { customer_id: 'CURRENT', collector: 'Ann', credit_limit: '100000.00' }
    ],
    invoices: [
      ...LADDER.map(([id, days]) => invoice(id, days)),
      invoice('BIG', 60, '50000.00'),
      invoice('DISPUTED', 50, '1000.00', { disputed_on: dueDaysAgo(40) }),
      invoice('CALLED_YESTERDAY', 10),
      invoice('CALLED_2_DAYS_AGO', 10),
      invoice('PROMISED', 20),
      invoice('BROKE_PROMISE', 40),
      invoice('KEPT_PROMISE', 40, '2000.00'),
      invoice('CURRENT', -5)
    ],
    payments: [
      // KEPT_PROMISE paid the 500.00 it promised (still 1,500.00 past due)
      { payment_id: 'P1', invoice_id: 'I-KEPT_PROMISE', payment_date: '2024-06-08', amount: '500.00' },
      // a payment after D does not exist at D
      { payment_id: 'P2', invoice_id: 'I-BROKE_PROMISE', payment_date: '2024-07-02', amount: '1000.00' }
    ],
    activities: [
      { activity_id: 'A1', customer_id: 'CALLED_YESTERDAY', activity_date: '2024-06-29', channel: 'call' },
      { activity_id: 'A2', customer_id: 'CALLED_2_DAYS_AGO', activity_date: '2024-06-28', channel: 'call' },
      {
        activity_id: 'A3',
        customer_id: 'PROMISED',
        activity_date: '2024-06-25',
        channel: 'call',
        promised_date: '2024-07-05',
        promised_amount: '1000.00'
      },
      {
        activity_id: 'A4',
        customer_id: 'BROKE_PROMISE',
        activity_date: '2024-06-01',
        channel: 'call',
        promised_date: '2024-06-10',
        promised_amount: '1000.00'
      },
      {
        activity_id: 'A5',
        customer_id: 'KEPT_PROMISE',
        activity_date: '2024-06-01',
        channel: 'call',
        promised_date: '2024-06-10',
        promised_amount: '500.00'
      }
    ]
  });
});

afterAll(() => db.close());

const items = async (collector?: string) => new Map((await worklist(db, { as_of: D, collector })).items.map((i) => [i.customer_id, i]));

describe('escalation ladder', () => {
  it.each(LADDER)('%s: %i days past due → %s', async (id, days, action) => {
    const item = (await items()).get(id)!;
    expect(item.oldest_days_past_due).toBe(days);
    expect(item.next_action).toBe(action);
    expect(item.next_action_on).toBe(D);
  });

  it('sends a disputed invoice to dispute resolution instead of escalating', async () => {
    const item = (await items()).get('DISPUTED')!;
    expect(item.next_action).toBe('dispute resolution');
    expect(item.invoices[0]).toMatchObject({
      invoice_id: 'I-DISPUTED',
      in_dispute: true,
      next_action: 'dispute resolution',
      days_past_due: 50
    });
    expect(item.reasons).toContain('1 invoice in dispute: resolve rather than escalate');
  });

  // no second call the day after a call; a pending promise parks a customer until the promised date plus grace
  it.each([
    ['CALLED_YESTERDAY', 'wait', '2024-07-01', 'last call on 2024-06-29: next call from 2024-07-01'],
    ['PROMISED', 'wait for promised payment', '2024-07-09', 'promised to pay 1,000.00 by 2024-07-05: parked until 2024-07-08']
  ])('%s: %s until %s', async (id, action, on, reason) => {
    const item = (await items()).get(id)!;
    expect(item.next_action).toBe(action);
    expect(item.next_action_on).toBe(on);
    expect(item.reasons).toContain(reason);
  });

  it('calls again two days after a call', async () => {
    expect((await items()).get('CALLED_2_DAYS_AGO')!.next_action).toBe('call');
  });

  it('gives a parked customer a quarter of the priority of an otherwise equal one', async () => {
    const all = await items();
    // L15..L30 are not parked
    expect(all.get('PROMISED')!.priority).toBeLessThan(all.get('L15')!.priority);
  });

  it('moves a customer up the ladder after a broken promise and counts it', async () => {
    const broke = (await items()).get('BROKE_PROMISE')!;
    expect(broke.broken_promises).toBe(1);
    // 40 days past due is step 4 (senior escalation, 31–45); one broken promise: step 5
    expect(broke.oldest_days_past_due).toBe(40);
    expect(broke.next_action).toBe('director call');
    expect(broke.reasons).toContain('1 broken promise to pay');
    expect(broke.past_due_balance).toBe(1000);
  });

  it('does not count a kept promise as broken, and keeps chasing the rest', async () => {
    const kept = (await items()).get('KEPT_PROMISE')!;
    expect(kept.broken_promises).toBe(0);
    expect(kept.past_due_balance).toBe(1500);
    expect(kept.next_action).toBe('senior escalation');
  });
});

describe('priority', () => {
  it('puts the large, old, over-limit balance first and orders the ladder by age', async () => {
    const report = await worklist(db, { as_of: D });
    expect(report.items[0].customer_id).toBe('BIG');
    expect(report.items[0].reasons).toEqual([
      '50,000.00 past due on 1 invoice, the oldest 60 days past due',
      'open balance at 125 % of its credit limit'
    ]);
    const position = (id: string) => report.items.findIndex((i) => i.customer_id === id);
    // same balance, older is more urgent; a broken promise outranks an equal one without
    expect(position('L91')).toBeLessThan(position('L46'));
    expect(position('L46')).toBeLessThan(position('L08'));
    expect(position('BROKE_PROMISE')).toBeLessThan(position('L45'));
    const priorities = report.items.map((i) => i.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });

  it('leaves out customers with nothing past due', async () => {
    expect((await items()).has('CURRENT')).toBe(false);
  });

  it('filters by collector', async () => {
    const ann = await worklist(db, { as_of: D, collector: 'Ann' });
    expect(ann.items.map((i) => i.customer_id).sort()).toEqual(
      ['BIG', 'BROKE_PROMISE', 'CALLED_2_DAYS_AGO', 'CALLED_YESTERDAY', 'DISPUTED', 'KEPT_PROMISE', 'PROMISED'].sort()
    );
    expect(ann.items.every((i) => i.collector === 'Ann')).toBe(true);
  });
});

describe('credit balances', () => {
  it('net against what the customer owes, as in AR', async () => {
    // CR1 owes 1,000.00 40 days past due and over-paid an older invoice by 250.00
    const credit = await ledgerDatabase({
      invoices: [
        invoice('CR1', 40),
        { invoice_id: 'I-CR1-old', customer_id: 'CR1', invoice_date: '2024-01-01', due_date: '2024-01-31', amount: '500.00' },
        invoice('CR2', 40)
      ],
      payments: [{ payment_id: 'P-old', invoice_id: 'I-CR1-old', payment_date: '2024-02-10', amount: '750.00' }]
    });
    const report = await worklist(credit, { as_of: D });
    const item = report.items.find((i) => i.customer_id === 'CR1')!;
    expect(item.past_due_balance).toBe(750);
    expect(item.open_balance).toBe(750);
    // the invoices to chase are still the ones with something owed
    expect(item.invoices.map((i) => i.invoice_id)).toEqual(['I-CR1']);
    expect(report.items.find((i) => i.customer_id === 'CR2')!.past_due_balance).toBe(1000);
    credit.close();
  });
});
