// The June 2024 ledger of collector performance: test/unit/performance.test.ts works every figure
// by hand in its header comment; test/e2e/daily-work.test.ts drives the pages on the same rows.
import type { LedgerRows } from '../../support/databases.ts';

export const JUNE_LEDGER: LedgerRows = {
  customers: [
    { customer_id: 'A', name: 'Acme', collector: 'Ann' },
    { customer_id: 'B', name: 'Bolt', collector: 'Bob' }
  ],
  invoices: [
    { invoice_id: 'IA1', customer_id: 'A', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: '1000.00' },
    { invoice_id: 'IA2', customer_id: 'A', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: '400.00' },
    { invoice_id: 'IB1', customer_id: 'B', invoice_date: '2024-05-15', due_date: '2024-06-14', amount: '600.00' }
  ],
  payments: [
    { payment_id: 'Y1', invoice_id: 'IA1', payment_date: '2024-06-05', amount: '300.00' },
    { payment_id: 'Y2', invoice_id: 'IA1', payment_date: '2024-06-20', amount: '200.00' },
    { payment_id: 'Y3', invoice_id: 'IB1', payment_date: '2024-06-25', amount: '600.00' },
    { payment_id: 'Y4', invoice_id: 'IA2', payment_date: '2024-07-02', amount: '100.00' }
  ],
  activities: [
    {
      activity_id: 'T1',
      customer_id: 'A',
      collector: 'Ann',
      channel: 'call',
      activity_date: '2024-06-03',
      invoice_id: 'IA1',
      promised_date: '2024-06-06',
      promised_amount: '300.00'
    },
    { activity_id: 'T2', customer_id: 'A', channel: 'email', activity_date: '2024-06-10' },
    {
      activity_id: 'T3',
      customer_id: 'A',
      collector: 'Ann',
      channel: 'call',
      activity_date: '2024-06-15',
      invoice_id: 'IA1',
      promised_date: '2024-06-18',
      promised_amount: '500.00'
    },
    { activity_id: 'T4', customer_id: 'B', collector: 'Bob', channel: 'call', activity_date: '2024-06-20' },
    { activity_id: 'T5', customer_id: 'B', collector: 'Bob', channel: 'email', activity_date: '2024-05-28' },
    { activity_id: 'T6', customer_id: 'B', collector: 'Bob', channel: 'letter', activity_date: '2024-06-28' },
    { activity_id: 'T7', customer_id: 'A', collector: 'Bob', channel: 'call', activity_date: '2024-06-27' }
  ]
};
