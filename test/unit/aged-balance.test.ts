// The aged balance by customer (GET /api/aged-balance) on a small ledger worked by hand, at
// D = 2024-06-30 (days past due = D − due date):
//
//   customer  invoice  due         amount  applied ≤ D           balance  days  column
//   K1 Alpha  I1       2024-07-15  1000                          1000     −15   current
//   Retail    I2       2024-06-10   500    paid 200 on 06-15      300      20   1-30
//   Ann       I3       2024-04-01   400                            400      90   61-90
//             I8       (invoiced 2024-07-05: not there at D)
//   K2 =Beta  I4       2024-05-01   250                            250      60   31-60
//   Wholesale I5       2024-06-01   100    paid 130 on 06-20      −30      29   credits
//   Bob       I6       2024-01-01   700    credit note 100        600     181   120+
//             I9       2024-05-15   200    paid 200 on 05-20        0          (settled: nowhere)
//   K3 (no master row) I7 2024-03-01  50                           50     121   120+
//
// Totals: current 1000, 1-30 300, 31-60 250, 61-90 400, 91-120 0, 120+ 600 + 50 = 650,
// credits −30; total 1000 + 300 + 250 + 400 + 650 − 30 = 2570 = AR(D).
// Per customer: K1 1000 + 300 + 400 = 1700 (3 invoices), K2 250 − 30 + 600 = 820 (3), K3 50 (1).
import { describe, expect, it } from 'vitest';
import type { AgedBalanceReport, AgedCellReport } from '../../server/contracts/aged-balance.ts';
import { ledgerDatabase, type LedgerRows } from '../../support/databases.ts';
import { appOn } from '../helpers/app-on.ts';
import readXlsxFile from 'read-excel-file/node';

const invoice = (invoice_id: string, customer_id: string, due_date: string, amount: string, invoice_date = '2024-01-01') => ({
  invoice_id,
  customer_id,
  invoice_date: invoice_date > due_date ? due_date : invoice_date,
  due_date,
  amount
});

export const AGED_LEDGER: LedgerRows = {
  customers: [
    { customer_id: 'K1', name: 'Alpha', segment: 'Retail', collector: 'Ann' },
    // a name a spreadsheet would run as a formula: exports neutralise it
    { customer_id: 'K2', name: '=Beta', segment: 'Wholesale', collector: 'Bob' }
  ],
  invoices: [
    invoice('I1', 'K1', '2024-07-15', '1000.00', '2024-06-15'),
    invoice('I2', 'K1', '2024-06-10', '500.00'),
    invoice('I3', 'K1', '2024-04-01', '400.00'),
    invoice('I8', 'K1', '2024-08-04', '900.00', '2024-07-05'),
    invoice('I4', 'K2', '2024-05-01', '250.00'),
    invoice('I5', 'K2', '2024-06-01', '100.00'),
    invoice('I6', 'K2', '2024-01-01', '700.00', '2023-12-01'),
    invoice('I9', 'K2', '2024-05-15', '200.00'),
    invoice('I7', 'K3', '2024-03-01', '50.00')
  ],
  payments: [
    { payment_id: 'P1', invoice_id: 'I2', payment_date: '2024-06-15', amount: '200.00' },
    { payment_id: 'P2', invoice_id: 'I5', payment_date: '2024-06-20', amount: '130.00' },
    { payment_id: 'P3', invoice_id: 'I9', payment_date: '2024-05-20', amount: '200.00' }
  ],
  adjustments: [{ adjustment_id: 'J1', invoice_id: 'I6', adjustment_date: '2024-02-01', amount: '100.00', kind: 'credit_note' }]
};

const D = '2024-06-30';
const book = appOn(() => ledgerDatabase(AGED_LEDGER));

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await book.app.request(path);
  return { status: response.status, body: (await response.json()) as T };
}
const aged = async (query: string) => (await get<AgedBalanceReport>(`/api/aged-balance?as_of=${D}&${query}`)).body;

describe('aged balance by customer', () => {
  it('puts each customer’s balances in the buckets and credits, worked by hand', async () => {
    const report = await aged('');
    expect(report.columns).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '120+', 'credits']);
    const rows = Object.fromEntries(report.customers.map((c) => [c.customer_id, c]));
    expect(rows.K1).toMatchObject({ name: 'Alpha', segment: 'Retail', collector: 'Ann', total: 1700, invoices: 3 });
    expect(rows.K1.balances).toEqual({ current: 1000, '1-30': 300, '31-60': 0, '61-90': 400, '91-120': 0, '120+': 0, credits: 0 });
    expect(rows.K2.balances).toEqual({ current: 0, '1-30': 0, '31-60': 250, '61-90': 0, '91-120': 0, '120+': 600, credits: -30 });
    expect(rows.K2).toMatchObject({ total: 820, invoices: 3 });
    // a customer without a master row is still a customer, named by its id
    expect(rows.K3).toMatchObject({ name: 'K3', total: 50, invoices: 1 });
  });

  it('totals each column over customers, and the total is AR', async () => {
    const report = await aged('');
    expect(report.totals.balances).toEqual({
      current: 1000,
      '1-30': 300,
      '31-60': 250,
      '61-90': 400,
      '91-120': 0,
      '120+': 650,
      credits: -30
    });
    expect(report.totals.total).toBe(2570);
    expect(report.totals.invoices).toBe(7);
    const kpis = (await get<{ ar: number }>(`/api/kpis?as_of=${D}`)).body;
    expect(kpis.ar).toBe(2570);
    const aging = (await get<{ total: number }>(`/api/aging?as_of=${D}`)).body;
    expect(aging.total).toBe(2570);
  });

  it('sorts by total (largest first by default), by a column, by name', async () => {
    expect((await aged('')).customers.map((c) => c.customer_id)).toEqual(['K1', 'K2', 'K3']);
    expect((await aged('sort=120%2B&dir=desc')).customers.map((c) => c.customer_id)).toEqual(['K2', 'K3', 'K1']);
    expect((await aged('sort=credits&dir=asc')).customers.map((c) => c.customer_id)).toEqual(['K2', 'K1', 'K3']);
    // '=Beta' < 'Alpha' < 'K3' (a customer without a name sorts by its id)
    expect((await aged('sort=name&dir=asc')).customers.map((c) => c.customer_id)).toEqual(['K2', 'K1', 'K3']);
  });

  it('filters by collector and segment', async () => {
    const ann = await aged('collector=Ann');
    expect(ann.customers.map((c) => c.customer_id)).toEqual(['K1']);
    expect(ann.totals.total).toBe(1700);
    const wholesale = await aged('segment=Wholesale');
    expect(wholesale.totals.balances.credits).toBe(-30);
    expect(wholesale.totals.total).toBe(820);
  });

  it('answers the invoices behind a cell', async () => {
    const cell = (await get<AgedCellReport>(`/api/aged-balance/invoices?as_of=${D}&customer_id=K2&column=credits`)).body;
    expect(cell.balance).toBe(-30);
    expect(cell.invoices).toMatchObject([{ invoice_id: 'I5', balance: -30, days_past_due: 29, amount: 100 }]);
    const old = (await get<AgedCellReport>(`/api/aged-balance/invoices?as_of=${D}&customer_id=K2&column=120%2B`)).body;
    expect(old.invoices.map((i) => [i.invoice_id, i.balance, i.days_past_due])).toEqual([['I6', 600, 181]]);
  });

  it('moves with the as-of date: before I2’s part payment its 500 is current', async () => {
    // at 2024-06-05: I2 (due 06-10) is current with 500, I5 (due 06-01) 4 days past due with 100
    const early = (await get<AgedBalanceReport>('/api/aged-balance?as_of=2024-06-05')).body;
    expect(early.as_of).toBe('2024-06-05');
    const k1 = early.customers.find((c) => c.customer_id === 'K1')!;
    // I1 was invoiced 06-15: not there yet
    expect(k1.balances.current).toBe(500);
  });

  it('names a bad parameter with a 400', async () => {
    const badSort = await get<{ error: string }>(`/api/aged-balance?sort=bogus`);
    expect(badSort.status).toBe(400);
    expect(badSort.body.error).toMatch(/^sort: must be one of customer, name, total, current/);
    expect((await get<{ error: string }>(`/api/aged-balance?as_of=2024-02-30`)).status).toBe(400);
    expect((await get<{ error: string }>(`/api/aged-balance/invoices?customer_id=K1&column=nope`)).body.error).toMatch(/^column:/);
  });
});

describe('aged balance exports', () => {
  it('writes the page as CSV with the as-of date and filters in the name, formulas neutralised', async () => {
    const response = await book.app.request(`/api/exports/aged-balance.csv?as_of=${D}&segment=Wholesale`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="aged-balance_2024-06-30_segment-Wholesale.csv"');
    expect(await response.text()).toBe(
      [
        'Customer,Name,current,1-30,31-60,61-90,91-120,120+,credits,Total',
        // quoted as Explore's CSV export quotes a neutralised cell
        `K2,"'=Beta",0,0,250,0,0,600,-30,820`,
        'Total,1 customers,0,0,250,0,0,600,-30,820',
        ''
      ].join('\r\n')
    );
  });

  it('writes the same rows to an .xlsx that reads back as numbers', async () => {
    const response = await book.app.request(`/api/exports/aged-balance.xlsx?as_of=${D}&sort=name&dir=asc`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="aged-balance_2024-06-30_sort-name-asc.xlsx"');
    const [sheet] = await readXlsxFile(Buffer.from(await response.arrayBuffer()));
    expect(sheet.data).toEqual([
      ['Customer', 'Name', 'current', '1-30', '31-60', '61-90', '91-120', '120+', 'credits', 'Total'],
      ['K2', "'=Beta", 0, 0, 250, 0, 0, 600, -30, 820],
      ['K1', 'Alpha', 1000, 300, 0, 400, 0, 0, 0, 1700],
      ['K3', 'K3', 0, 0, 0, 0, 0, 50, 0, 50],
      ['Total', '3 customers', 1000, 300, 250, 400, 0, 650, -30, 2570]
    ]);
  });

  it('exports a customer’s ledger and the aging, and refuses an unknown view or format', async () => {
    const ledger = await (await book.app.request(`/api/exports/ledger.csv?customer_id=K2&as_of=${D}`)).text();
    expect(ledger.split('\r\n').slice(0, 2)).toEqual([
      'Invoice,Dated,Due,Currency,Amount,Balance,Days past due,Bucket,Dispute',
      // an invoice without a currency, of a customer without one, is in the home currency
      'I6,2023-12-01,2024-01-01,USD,700,600,181,120+,'
    ]);
    const aging = await (await book.app.request(`/api/exports/aging.csv?as_of=${D}&collector=Ann`)).text();
    expect(aging).toContain('Total,1700,,\r\n');
    expect((await book.app.request('/api/exports/nothing.csv')).status).toBe(404);
    expect((await book.app.request('/api/exports/aging.pdf')).status).toBe(400);
    expect((await book.app.request('/api/exports/ledger.csv')).status).toBe(400);
  });
});
