// The smallest book with two collectors: Ann's customer C1 owes I1 (800.00, due 2024-06-20) and Bob's
// C2 owes I2 (300.00, due 2024-05-01). Tests of access, sign-in and activities use it where what they
// check is who sees what, not a figure.
import type { LedgerRows } from '../../support/databases.ts';

export const TWO_CUSTOMERS = {
  customers: [
    { customer_id: 'C1', name: 'One Ltd', collector: 'Ann' },
    { customer_id: 'C2', name: 'Two Ltd', collector: 'Bob' }
  ],
  invoices: [
    { invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-06-20', amount: '800.00' },
    { invoice_id: 'I2', customer_id: 'C2', invoice_date: '2024-04-01', due_date: '2024-05-01', amount: '300.00' }
  ]
} satisfies LedgerRows;
