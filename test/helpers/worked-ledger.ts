// The worked-example ledger of test/unit/metrics.test.ts (its header comment has every figure by hand).
import type { LedgerRows } from '../../support/databases.ts';

export const WORKED_LEDGER: LedgerRows = {
  invoices: [
    {
      invoice_id: 'A',
      customer_id: 'C1',
      invoice_date: '2024-01-10',
      due_date: '2024-02-09',
      amount: '1000.00',
      disputed_on: '2024-02-20',
      dispute_resolved_on: '2024-03-20'
    },
    { invoice_id: 'B', customer_id: 'C2', invoice_date: '2024-02-15', due_date: '2024-03-16', amount: '500.00' },
    { invoice_id: 'C', customer_id: 'C3', invoice_date: '2024-03-01', due_date: '2024-03-31', amount: '300.00' },
    {
      invoice_id: 'D',
      customer_id: 'C3',
      invoice_date: '2024-03-02',
      due_date: '2024-03-30',
      amount: '200.00',
      disputed_on: '2024-03-05',
      dispute_resolved_on: '2024-03-12'
    },
    { invoice_id: 'E', customer_id: 'C4', invoice_date: '2023-10-01', due_date: '2023-10-31', amount: '800.00' },
    { invoice_id: 'F', customer_id: 'C4', invoice_date: '2024-04-02', due_date: '2024-05-02', amount: '999.00' },
    { invoice_id: 'G', customer_id: 'C1', invoice_date: '2023-12-20', due_date: '2024-01-19', amount: '250.00' }
  ],
  payments: [
    { payment_id: 'P1', invoice_id: 'A', payment_date: '2024-02-01', amount: '400.00' },
    { payment_id: 'P2', invoice_id: 'A', payment_date: '2024-04-05', amount: '600.00' },
    { payment_id: 'P3', invoice_id: 'B', payment_date: '2024-03-01', amount: '650.00' },
    { payment_id: 'P4', invoice_id: 'G', payment_date: '2024-01-25', amount: '250.00' }
  ],
  adjustments: [
    { adjustment_id: 'J1', invoice_id: 'D', adjustment_date: '2024-03-10', amount: '50.00', kind: 'credit_note' },
    { adjustment_id: 'J2', invoice_id: 'E', adjustment_date: '2024-03-15', amount: '800.00', kind: 'write_off' }
  ],
  activities: [
    // broken: nothing paid on A in [03-20, 03-28 + 3]
    {
      activity_id: 'T1',
      customer_id: 'C1',
      invoice_id: 'A',
      activity_date: '2024-03-20',
      channel: 'call',
      promised_date: '2024-03-28',
      promised_amount: '600.00',
      cost: '2.50'
    },
    // kept: C2's payments in [02-25, 03-04] are 650 ≥ 600 (no invoice named: the customer's payments count)
    {
      activity_id: 'T2',
      customer_id: 'C2',
      activity_date: '2024-02-25',
      channel: 'call',
      promised_date: '2024-03-01',
      promised_amount: '600.00',
      cost: '3.00'
    },
    // kept on the last day of grace: 600 paid on 04-05 = promised 04-02 + 3
    {
      activity_id: 'T3',
      customer_id: 'C1',
      invoice_id: 'A',
      activity_date: '2024-03-25',
      channel: 'email',
      promised_date: '2024-04-02',
      promised_amount: '600.00'
    },
    // broken by one day: promised 04-01, grace ends 04-04, the 600 came 04-05
    {
      activity_id: 'T4',
      customer_id: 'C1',
      invoice_id: 'A',
      activity_date: '2024-03-26',
      channel: 'email',
      promised_date: '2024-04-01',
      promised_amount: '600.00'
    }
  ],
  costs: [
    { cost_date: '2024-03-05', category: 'salaries', amount: '30.00' },
    { cost_date: '2024-04-05', category: 'salaries', amount: '99.00' }
  ]
};
