// The June 2024 ledger of collector performance: test/unit/performance.test.ts works every figure
// by hand in its header comment; test/e2e/daily-work.test.ts drives the pages on the same rows.
import { ACME_AND_BOLT, activity, invoice, ledger, promise } from './rows.ts';

export const JUNE_LEDGER = ledger({
  customers: ACME_AND_BOLT,
  invoices: [
    invoice('IA1', 'A', '2024-05-01', '2024-05-31', '1000.00').paid('Y1', '2024-06-05', '300.00').paid('Y2', '2024-06-20', '200.00'),
    invoice('IA2', 'A', '2024-06-10', '2024-07-10', '400.00').paid('Y4', '2024-07-02', '100.00'),
    invoice('IB1', 'B', '2024-05-15', '2024-06-14', '600.00').paid('Y3', '2024-06-25', '600.00')
  ],
  activities: [
    promise('T1', 'A', 'call', '2024-06-03', '2024-06-06', '300.00', { collector: 'Ann', invoice_id: 'IA1' }),
    activity('T2', 'A', 'email', '2024-06-10'),
    promise('T3', 'A', 'call', '2024-06-15', '2024-06-18', '500.00', { collector: 'Ann', invoice_id: 'IA1' }),
    activity('T4', 'B', 'call', '2024-06-20', { collector: 'Bob' }),
    activity('T5', 'B', 'email', '2024-05-28', { collector: 'Bob' }),
    activity('T6', 'B', 'letter', '2024-06-28', { collector: 'Bob' }),
    activity('T7', 'A', 'call', '2024-06-27', { collector: 'Bob' })
  ]
});
