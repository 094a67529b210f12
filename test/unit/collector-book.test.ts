// A collector's book, enforced by the server: their kpis and aging are those of their customers
// (worked by hand below), the company-wide drift list is refused, and the session says what the
// role may do so the page shows only that. The book's trends (series, period, review): book-trends.test.ts.
import { describe, expect, it } from 'vitest';
import { agingLines } from '../helpers/aging.ts';
import { signedInAppOn } from '../helpers/app-on.ts';
import { ANN_AND_BOB_BOOKS, ANN_BOOK_FIGURES, invoice, ledger } from '../helpers/rows.ts';

// As of 2024-06-30, window 90 days = [2024-04-02, 2024-06-30].
//   Ann: C1 I1 dated 05-01 due 05-31, 1000, paid 400 on 06-10 → 600 open, 30 days past due (1-30)
//        C2 I2 dated 06-15 due 07-15, 500 → current
//   Bob: C3 I3 dated 03-01 due 03-31, 2000 → 91 days past due (91-120), dated before the window
//        C3 I4 dated 06-20 due 07-20, 300 → current
const LEDGER = ledger({
  customers: ANN_AND_BOB_BOOKS,
  invoices: [
    invoice('I1', 'C1', '2024-05-01', '2024-05-31', '1000.00').paid('P1', '2024-06-10', '400.00', { customer_id: 'C1' }),
    invoice('I2', 'C2', '2024-06-15', '2024-07-15', '500.00'),
    invoice('I3', 'C3', '2024-03-01', '2024-03-31', '2000.00'),
    invoice('I4', 'C3', '2024-06-20', '2024-07-20', '300.00')
  ]
});

const book = signedInAppOn(LEDGER, '/tmp/radar-book-test-uploads');

describe("a collector's book", () => {
  it("answers a collector's kpis from their customers only", async () => {
    const { status, body } = await book.get('ann', '/api/kpis?as_of=2024-06-30');
    expect(status).toBe(200);
    // AR = 600 + 500 = 1100; current AR = 500 (I2 not yet due); past due = 600
    // sales in the window = 1000 (I1) + 500 (I2) = 1500
    // DSO = 1100 / 1500 × 90 = 66; BPDSO = 500 / 1500 × 90 = 30; ADD = 600 / 1500 × 90 = 36
    // countback: blocks of 30 days back from 06-30: k=0 [06-01, 06-30] 500, k=1 [05-02, 05-31] 0,
    //   k=2 [04-02, 05-01] 1000; AR 1100 fits in k=2: 60 + 30 × (1100 − 500) / 1000 = 78
    expect(body).toEqual({
      as_of: '2024-06-30',
      window_days: 90,
      ...ANN_BOOK_FIGURES,
      countback_dso: 78,
      past_due_share: 600 / 1100,
      currency: 'USD',
      collector: 'Ann'
    });
  });

  it('answers the same book to a controller who asks for it, and the company without the filter', async () => {
    const bob = (await book.get('carl', '/api/kpis?as_of=2024-06-30&collector=Bob')).body;
    // AR = 2000 + 300 = 2300, current 300, sales 300 (I3 is dated before the window)
    // DSO = 2300 / 300 × 90 = 690; BPDSO = 90; ADD = 2000 / 300 × 90 = 600
    expect(bob).toMatchObject({ ar: 2300, current_ar: 300, past_due_ar: 2000, sales: 300, dso: 690, bpdso: 90, add: 600 });
    const company = (await book.get('carl', '/api/kpis?as_of=2024-06-30')).body;
    // the two books make up the company: 1100 + 2300, sales 1500 + 300
    expect(company).toMatchObject({ ar: 3400, current_ar: 800, sales: 1800 });
  });

  it("answers a collector's aging from their customers only, whatever collector they ask for", async () => {
    const { body } = await book.get('ann', '/api/aging?as_of=2024-06-30');
    expect(body).toEqual({
      as_of: '2024-06-30',
      buckets: agingLines({ current: [500, 1], '1-30': [600, 1] }),
      credits: { balance: 0, invoices: 0 },
      total: 1100,
      currency: 'USD',
      collector: 'Ann'
    });
    expect((await book.get('ann', '/api/aging?as_of=2024-06-30&collector=Bob')).status).toBe(403);
    expect((await book.get('ann', '/api/kpis?as_of=2024-06-30&collector=Bob')).status).toBe(403);
    const bob = (await book.get('admin', '/api/aging?as_of=2024-06-30&collector=Bob')).body as {
      buckets: { bucket: string; balance: number }[];
      total: number;
    };
    expect(bob.total).toBe(2300);
    expect(bob.buckets.find((b) => b.bucket === '91-120')!.balance).toBe(2000);
  });

  it('refuses a collector the drift list (the whole portfolio ranked), and lets a controller read it', async () => {
    const answer = await book.get('ann', '/api/drift');
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe('your role (collector) may not GET /api/drift');
    expect((await book.get('carl', '/api/drift')).status).toBe(200);
  });

  it("answers a collector's trends for their book only, and refuses another collector's", async () => {
    for (const path of ['/api/review', '/api/review/recovery', '/api/series', '/api/period']) {
      const own = await book.get('ann', path);
      expect(own.status, path).toBe(200);
      expect(own.body.collector, path).toBe('Ann');
      const other = await book.get('ann', `${path}?collector=Bob`);
      expect(other.status, path).toBe(403);
      expect(other.body.error, path).toBe('collector: you see your own customers only (Ann)');
      // a controller reads the company's without the filter (no collector said), and any book with it
      expect((await book.get('carl', path)).body.collector, path).toBeUndefined();
      expect((await book.get('carl', `${path}?collector=Bob`)).body.collector, path).toBe('Bob');
    }
  });

  it('tells the page what the role may do', async () => {
    expect((await book.get('ann', '/api/session')).body.can).toEqual({
      read_review: true,
      read_drift: false,
      upload: false,
      undo_loads: false,
      explore: false,
      log_activity: true,
      manage_users: false,
      read_audit: false
    });
    expect((await book.get('carl', '/api/session')).body.can).toEqual({
      read_review: true,
      read_drift: true,
      upload: true,
      undo_loads: true,
      explore: false,
      log_activity: true,
      manage_users: false,
      read_audit: false
    });
    expect(Object.values((await book.get('admin', '/api/session')).body.can as object).every(Boolean)).toBe(true);
  });
});
