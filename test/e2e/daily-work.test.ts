// The daily pages in Chromium against the built app served by server/index.ts, on the ledger of
// test/unit/performance.test.ts (June 2024), every figure worked by hand:
//
//   invoices  IA1 A 1000 due 05-31 · IA2 A 400 due 07-10 · IB1 B 600 due 06-14
//   payments  IA1 300 on 06-05, 200 on 06-20 · IB1 600 on 06-25 · IA2 100 on 07-02 (after 06-30)
//
// Aged balance at D = 2024-06-30 (aging buckets of sql/seeds/aging_buckets.csv):
//   A: IA1 1000 − 300 − 200 = 500, due 05-31 → 30 days past due → 1-30; IA2 400, due 07-10 → current
//   B: IB1 600 − 600 = 0 → not open. Totals: current 400, 1-30 500, total 900 (the aging API's buckets).
// Promises at D (3 days of grace; the view shows those promised from D − 30 on):
//   T1 (A, IA1) 300 by 06-06: 300 paid on 06-05 → kept (on 06-05)
//   T3 (A, IA1) 500 by 06-18: IA1's payments in [06-15, 06-21] are 200 on 06-20 < 500 → broken
// Collector performance, June: Ann 3 touches, 2 promises, 1 kept, 2 of 3 followed by a payment,
//   cash 500, CEI 50.0; Bob 3 touches, 0 promises, 2 of 3 followed, cash 600, CEI 100.0
//   (the arithmetic is in test/unit/performance.test.ts).
// Loads: who may undo (issue 14 #11): an analyst sees Undo on their own load only, an admin on every one.
// Screenshots at 1280×800 and 390 px wide go to artifacts/screenshots/.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserRun, type BrowserRun } from '../../support/browser-run.ts';
import { hasChromium, shoot, signInByForm, SHOTS } from '../../support/chromium.ts';
import readXlsxFile from 'read-excel-file/node';
import { ledgerDatabase } from '../../support/databases.ts';
import { JUNE_LEDGER } from '../helpers/june-ledger.ts';
import { oneInvoiceUpload } from '../helpers/upload-form.ts';
import { auth } from '../../support/server.ts';

const ADMIN_PASSWORD = 'hardening-admin-password'; // test/helpers/server.ts starts the server with it
const D = '2024-06-30';

let run: BrowserRun;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${run.base}/api${path}`, { ...init, headers: { ...auth, ...init.headers } });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

const signIn = (username: string, password: string) => signInByForm(run.browser, run.base, username, password, { acceptDownloads: true });

/** A money or count as the page writes it ("$1,234.50", "−20.00", "50.0") → its number. */
const amount = (text: string | null) => Number((text ?? '').replace(/[−–]/g, '-').replace(/[^\d.-]/g, ''));

/** The text of every cell of the rows a selector finds. */
const cells = (page: Page, rows: string) =>
  page.$$eval(rows, (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));

describe.skipIf(!hasChromium)('the daily pages in Chromium, on a ledger worked by hand', () => {
  run = browserRun(
    'radar-e2e-daily-',
    (path) =>
      ledgerDatabase(
        {
          ...JUNE_LEDGER,
          customers: JUNE_LEDGER.customers!.map((customer) => ({ ...customer, currency: 'USD' })),
          invoices: JUNE_LEDGER.invoices!.map((invoice) => ({ ...invoice, currency: 'USD' })),
          // a rate, so the header offers a second currency (its picker sits beside the user menu)
          fx_rates: [{ rate_date: '2024-06-28', currency: 'EUR', units_per_base: '0.93', base: 'USD' }]
        },
        path
      ),
    { timeout: 600_000 }
  );

  it('the aged balance’s totals are the hand-worked figures and the aging API’s buckets for the same as-of', async () => {
    const aging = await api<{ buckets: { bucket: string; balance: number }[]; credits: { balance: number }; total: number }>(
      `/aging?as_of=${D}`
    );
    expect(aging.total).toBe(900);
    expect(Object.fromEntries(aging.buckets.map((b) => [b.bucket, b.balance]))).toEqual({
      current: 400,
      '1-30': 500,
      '31-60': 0,
      '61-90': 0,
      '91-120': 0,
      '120+': 0
    });

    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${run.base}/aged-balance?as_of=${D}`);
    const totals = page.getByTestId('aged-totals');
    await totals.waitFor();
    for (const { bucket, balance } of aging.buckets)
      expect(amount(await totals.locator(`td[data-column="${bucket}"]`).textContent()), bucket).toBe(balance);
    expect(amount(await totals.locator('td[data-column="credits"]').textContent())).toBe(aging.credits.balance);
    expect(amount(await totals.locator('td[data-column="total"]').textContent())).toBe(900);
    // one customer with a balance: A (B paid IB1 in full)
    const rows = await cells(page, '[data-testid="aged-balance"] tbody tr');
    expect(rows.map((r) => r[0])).toEqual(['A']);
    await shoot(page, 'daily-aged-balance');
    await page.context().close();
  });

  it('the aged balance’s Excel export holds exactly the rows the page shows', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${run.base}/aged-balance?as_of=${D}`);
    await page.getByTestId('aged-totals').waitFor();
    const head = (await cells(page, '[data-testid="aged-balance"] thead tr'))[0].map((h) => h.replace(/[▲▼]/g, '').trim());
    // the customers, then the totals line, as the page shows them
    const shown = await cells(page, '[data-testid="aged-balance"] tbody tr, [data-testid="aged-balance"] tfoot tr');
    expect(shown.at(-1)!.slice(0, 2)).toEqual(['Total', '1 customers']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toContain(D);
    const file = join(run.dir, download.suggestedFilename());
    await download.saveAs(file);
    const [sheet] = await readXlsxFile(file);
    const [header, ...body] = sheet.data as (string | number | null)[][];
    // the workbook's columns are the page's, in its order (it may add columns the page does not show)
    const at = head.map((label) => header.findIndex((h) => String(h).toLowerCase() === label.toLowerCase()));
    expect(
      at.every((i) => i >= 0),
      `page columns ${head.join(', ')} in ${header.join(', ')}`
    ).toBe(true);
    expect(body).toHaveLength(shown.length);
    for (const [r, row] of shown.entries()) {
      const fromFile = at.map((i) => body[r][i]);
      expect(fromFile.slice(0, 2).map((v) => v ?? '—')).toEqual(row.slice(0, 2));
      // money: '–' on the page is a zero
      expect(fromFile.slice(2).map((v) => Number(v ?? 0))).toEqual(row.slice(2).map((v) => (v === '–' ? 0 : amount(v))));
    }
    // A's total and the grand total: 400 current + 500 in 1-30
    expect(body.map((row) => row[at[head.indexOf('Total')]])).toEqual([900, 900]);
    await page.context().close();
  });

  it('the promises view shows each promise’s status, worked by hand, and the API’s counts', async () => {
    const report = await api<{
      promises: { activity_id: string; status: string }[];
      summary: { status: string; promises: number; promised_amount: number }[];
    }>(`/promises?as_of=${D}`);
    expect(Object.fromEntries(report.promises.map((p) => [p.activity_id, p.status]))).toEqual({ T1: 'kept', T3: 'broken' });

    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${run.base}/promises?as_of=${D}`);
    await page.getByTestId('status-all').waitFor();
    expect(amount(await page.getByTestId('status-all').locator('.count').textContent())).toBe(2);
    for (const [status, count, promised] of [
      ['kept', 1, 300],
      ['broken', 1, 500]
    ] as const) {
      const tile = page.getByTestId(`status-${status}`);
      expect(amount(await tile.locator('.count').textContent()), status).toBe(count);
      expect(amount(await tile.locator('.amount').textContent()), status).toBe(promised);
      expect(report.summary.find((s) => s.status === status)).toMatchObject({ promises: count, promised_amount: promised });
    }
    const rows = await cells(page, '[data-testid="promises"] tbody tr');
    expect(rows.map((r) => [r[0], r[1], amount(r[4]), r[5]])).toEqual([
      ['2024-06-06', 'kept', 300, 'IA1'],
      ['2024-06-18', 'broken', 500, 'IA1']
    ]);
    expect(rows[0][7]).toBe('2024-06-05'); // kept on the day of the 300
    // the broken one only, from its tile
    await page.getByTestId('status-broken').click();
    await expect.poll(async () => (await cells(page, '[data-testid="promises"] tbody tr')).map((r) => r[0])).toEqual(['2024-06-18']);
    await shoot(page, 'daily-promises');
    await page.context().close();
  });

  it('a broken promise moves its customer up the ladder on the worklist page, as the API says', async () => {
    // A at D: IA1 (due 05-31) is 30 days past due → step 3 of sql/seeds/escalation_ladder.csv (15–30
    // days: formal notice); T3's promise (500 by 06-18, grace to 06-21) was broken → one step up,
    // senior escalation. B owes nothing at D: not on the list.
    const list = await api<{ items: { customer_id: string; next_action: string; broken_promises: number; reasons: string[] }[] }>(
      `/worklist?as_of=${D}`
    );
    const acme = list.items.find((item) => item.customer_id === 'A')!;
    expect(acme).toMatchObject({ next_action: 'senior escalation', broken_promises: 1 });
    expect(list.items.map((item) => item.customer_id)).toEqual(['A']);
    // the same customer at 06-19, while the promise was still within its grace: not broken yet, so
    // no step up (IA1 19 days past due is step 3 too; the pending promise parks the customer)
    const before = await api<{ items: { customer_id: string; next_action: string; broken_promises: number }[] }>(
      `/worklist?as_of=2024-06-19`
    );
    expect(before.items.find((item) => item.customer_id === 'A')!.broken_promises).toBe(0);
    expect(before.items.find((item) => item.customer_id === 'A')!.next_action).not.toBe('senior escalation');

    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${run.base}/worklist?as_of=${D}`);
    const row = page.locator('tr[data-customer="A"]');
    await row.waitFor();
    expect(await row.locator('td.next').textContent()).toContain('senior escalation');
    expect(await row.locator('td.why').textContent()).toBe(acme.reasons.join('; '));
    expect(acme.reasons.join('; ')).toMatch(/promise/i);
    await shoot(page, 'worklist-broken-promise');
    await page.context().close();
  });

  it('the collector performance page shows each collector’s June, worked by hand', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${run.base}/performance?from=2024-06-01&to=2024-06-30`);
    await page.getByTestId('collector-row').first().waitFor();
    const rows = await cells(page, '[data-testid="collector-row"]');
    // collector, touches, promises, kept (share), paid within 7 days (share), cash from book, CEI
    expect(rows).toHaveLength(2);
    const byName = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(byName.Ann.slice(1, 5)).toEqual(['3', '2', '1 (50 %)', '2 (67 %)']);
    expect(amount(byName.Ann[5])).toBe(500);
    expect(byName.Ann[6]).toBe('50.0');
    expect(byName.Bob.slice(1, 5)).toEqual(['3', '0', '—', '2 (67 %)']);
    expect(amount(byName.Bob[5])).toBe(600);
    expect(byName.Bob[6]).toBe('100.0');
    await shoot(page, 'daily-performance');
    await page.context().close();
  });

  it('offers Undo only on the loads the user may undo: an analyst their own, an admin every one', async () => {
    await api('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'ada-password-1234', role: 'analyst' })
    });
    const upload = async (name: string, headers: Record<string, string>) => {
      const response = await fetch(`${run.base}/api/uploads`, { method: 'POST', headers, body: oneInvoiceUpload(name, 'B', '10.00') });
      expect(response.status).toBe(200);
    };
    await upload('admins', auth);
    const page = await signIn('ada', 'ada-password-1234');
    const cookies = await page.context().cookies();
    const csrf = cookies.find((c) => c.name === 'radar_csrf')!.value;
    await upload('adas', { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': csrf });
    const { loads } = await api<{ loads: { load_id: number; source_file: string }[] }>('/loads');
    const id = (file: string) => loads.find((l) => l.source_file === file)!.load_id;

    await page.goto(`${run.base}/upload`);
    const row = (file: string) => page.locator(`[data-testid="loads"] tr[data-load="${id(file)}"]`);
    await row('adas.csv').waitFor();
    expect(await row('adas.csv').getByTestId('undo').count()).toBe(1);
    expect(await row('admins.csv').getByTestId('undo').count()).toBe(0);
    expect(await row('admins.csv').getByTestId('loaded-by').textContent()).toBe('api-token');
    expect(await row('test.csv').getByTestId('undo').count()).toBe(0);
    // no Audit page for an analyst; the currency picker and the user menu share the right end of the header
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    await shoot(page, 'daily-upload-analyst');
    await page.context().close();

    const admin = await signIn('admin', ADMIN_PASSWORD);
    await admin.goto(`${run.base}/upload`);
    await admin.locator(`[data-testid="loads"] tr[data-load="${id('adas.csv')}"]`).waitFor();
    expect(await admin.locator('[data-testid="loads"] [data-testid="undo"]').count()).toBe(3);
    await admin.getByRole('link', { name: 'Audit' }).click();
    await admin.waitForURL(/\/admin\/audit/);
    await shoot(admin, 'daily-audit');
    // the other pages of the shared stylesheet (issue 13), for comparing before and after
    await admin.goto(`${run.base}/admin/users`);
    await admin.getByTestId('users').waitFor();
    await shoot(admin, 'daily-users');
    await admin.goto(`${run.base}/worklist?as_of=${D}`);
    await admin.waitForLoadState('networkidle');
    await shoot(admin, 'daily-worklist');
    await admin.context().close();
  });

  it('the header keeps the currency picker and the user menu together at its right end, at 1280 and 390 px', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.getByTestId('currency-picker').waitFor();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      const picker = (await page.getByTestId('currency-picker').boundingBox())!;
      const user = (await page.getByTestId('user-menu').boundingBox())!;
      // the user menu ends at the header's right padding; the picker sits to its left or on the line above it, right-aligned
      expect(Math.round(user.x + user.width), `width ${width}`).toBeGreaterThan(width - 40);
      expect(picker.x + picker.width, `width ${width}`).toBeLessThanOrEqual(user.x + user.width + 1);
      const overlap =
        picker.y < user.y + user.height &&
        user.y < picker.y + picker.height &&
        picker.x < user.x + user.width &&
        user.x < picker.x + picker.width;
      expect(overlap, `width ${width}`).toBe(false);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    // at 1280 px the admin's header, every link shown, is one line (two lines measured 84 px)
    expect((await page.locator('header.top').boundingBox())!.height).toBeLessThan(56);
    await page.screenshot({ path: join(SHOTS, 'daily-header-desktop.png'), clip: { x: 0, y: 0, width: 1280, height: 120 } });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'daily-header-phone.png'), clip: { x: 0, y: 0, width: 390, height: 260 } });
    await page.context().close();
  });
});
