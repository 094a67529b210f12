// The worked-example ledger of test/unit/metrics.test.ts (its header comment has every figure by hand).
import { invoice, ledger, promise } from './rows.ts';

export const WORKED_LEDGER = ledger({
  invoices: [
    invoice('A', 'C1', '2024-01-10', '2024-02-09', '1000.00')
      .disputed('2024-02-20', '2024-03-20')
      .paid('P1', '2024-02-01', '400.00')
      .paid('P2', '2024-04-05', '600.00'),
    invoice('B', 'C2', '2024-02-15', '2024-03-16', '500.00').paid('P3', '2024-03-01', '650.00'),
    invoice('C', 'C3', '2024-03-01', '2024-03-31', '300.00'),
    invoice('D', 'C3', '2024-03-02', '2024-03-30', '200.00').disputed('2024-03-05', '2024-03-12'),
    invoice('E', 'C4', '2023-10-01', '2023-10-31', '800.00'),
    invoice('F', 'C4', '2024-04-02', '2024-05-02', '999.00'),
    invoice('G', 'C1', '2023-12-20', '2024-01-19', '250.00').paid('P4', '2024-01-25', '250.00')
  ],
  adjustments: [
    { adjustment_id: 'J1', invoice_id: 'D', adjustment_date: '2024-03-10', amount: '50.00', kind: 'credit_note' },
    { adjustment_id: 'J2', invoice_id: 'E', adjustment_date: '2024-03-15', amount: '800.00', kind: 'write_off' }
  ],
  activities: [
    // broken: nothing paid on A in [03-20, 03-28 + 3]
    promise('T1', 'C1', 'call', '2024-03-20', '2024-03-28', '600.00', { invoice_id: 'A', cost: '2.50' }),
    // kept: C2's payments in [02-25, 03-04] are 650 ≥ 600 (no invoice named: the customer's payments count)
    promise('T2', 'C2', 'call', '2024-02-25', '2024-03-01', '600.00', { cost: '3.00' }),
    // kept on the last day of grace: 600 paid on 04-05 = promised 04-02 + 3
    promise('T3', 'C1', 'email', '2024-03-25', '2024-04-02', '600.00', { invoice_id: 'A' }),
    // broken by one day: promised 04-01, grace ends 04-04, the 600 came 04-05
    promise('T4', 'C1', 'email', '2024-03-26', '2024-04-01', '600.00', { invoice_id: 'A' })
  ],
  costs: [
    { cost_date: '2024-03-05', category: 'salaries', amount: '30.00' },
    { cost_date: '2024-04-05', category: 'salaries', amount: '99.00' }
  ]
});
