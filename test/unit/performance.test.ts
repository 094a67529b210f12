// Collector performance (GET /api/performance) over June 2024, worked by hand.
//
//   touch  customer  by            channel  date   promise                     customer paid in [date, date + 7]
//   T1     A         Ann           call     06-03  300 by 06-06 on IA1: kept   300 on 06-05: yes
//   T2     A         (A's: Ann)    email    06-10                              nothing in [06-10, 06-17]: no
//   T3     A         Ann           call     06-15  500 by 06-18 on IA1: broken 200 on 06-20: yes
//                                                  (only 200 by 06-21)
//   T4     B         Bob           call     06-20                              600 on 06-25: yes
//   T5     B         Bob           email    05-28  (before the period)
//   T6     B         Bob           letter   06-28                              nothing in [06-28, 07-05]: no
//   T7     A         Bob (covering) call    06-27                              100 on 07-02: yes
//
// Ann: 3 touches (call 2, email 1), 2 promises, 1 kept, 2 followed by a payment (2/3; call 2/2,
// email 0/1). Bob: 3 touches (call 2, letter 1), 0 promises, 2 followed (2/3; call 2/2, letter 0/1).
// Cash from the book in June: Ann's (A) 300 + 200 = 500; Bob's (B) 600.
// CEI of Ann's book: AR(05-31) = IA1 1000; sales in June = IA2 400; AR(06-30) = (1000 − 500) + 400 =
// 900; current AR(06-30) = IA2 400 (due 07-10): (1000 + 400 − 900) / (1000 + 400 − 400) × 100 = 50.
// Bob's book: AR(05-31) = IB1 600, no sales, AR(06-30) = 0: (600 − 0) / (600 − 0) × 100 = 100.
import { describe, expect, it } from 'vitest';
import type { PerformanceReport } from '../../server/contracts/performance.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { appOn } from '../helpers/app-on.ts';
import { JUNE_LEDGER } from '../helpers/june-ledger.ts';

const book = appOn(() => ledgerDatabase(JUNE_LEDGER));

const get = async (query: string) => (await (await book.app.request(`/api/performance?${query}`)).json()) as PerformanceReport;

describe('collector performance', () => {
  it('counts touches, promises, follow-up payments, cash and CEI per collector, worked by hand', async () => {
    const report = await get('from=2024-06-01&to=2024-06-30');
    expect(report.collectors.map((c) => c.collector)).toEqual(['Bob', 'Ann']);
    const [bob, ann] = report.collectors;
    expect(ann).toMatchObject({
      touches: 3,
      promises_made: 2,
      promises_kept: 1,
      touches_followed_by_payment: 2,
      cash_collected: 500,
      cei: 50
    });
    expect(ann.followed_share).toBeCloseTo(2 / 3, 10);
    expect(bob).toMatchObject({
      touches: 3,
      promises_made: 0,
      promises_kept: 0,
      touches_followed_by_payment: 2,
      cash_collected: 600,
      cei: 100
    });
  });

  it('splits the touches by channel', async () => {
    const [bob, ann] = (await get('from=2024-06-01&to=2024-06-30')).collectors;
    expect(ann.channels).toEqual([
      { channel: 'call', touches: 2, promises_made: 2, promises_kept: 1, touches_followed_by_payment: 2, followed_share: 1 },
      { channel: 'email', touches: 1, promises_made: 0, promises_kept: 0, touches_followed_by_payment: 0, followed_share: 0 }
    ]);
    expect(bob.channels.map((c) => [c.channel, c.touches, c.touches_followed_by_payment])).toEqual([
      ['call', 2, 2],
      ['letter', 1, 0]
    ]);
  });

  it('filters by collector and refuses a period back to front', async () => {
    expect((await get('from=2024-06-01&to=2024-06-30&collector=Ann')).collectors.map((c) => c.collector)).toEqual(['Ann']);
    const bad = await book.app.request('/api/performance?from=2024-07-01&to=2024-06-01');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('from: must not be after to');
  });
});
