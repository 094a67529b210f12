// Accounts, a collector's book and the worklist by keyboard, in Chromium against the built app served
// by server/index.ts: the admin adds a collector on the Users page (first try, session cookie + CSRF),
// the collector signs in and sees only their book (the page's figures are the API's for that book,
// not the company's), works the worklist with the keyboard alone (load, move, open, Esc, log a promise,
// next row) and the promise is in the API, logs from the customer page, and signs out.
// Screenshots at 1280×800 and 390 px wide go to artifacts/screenshots/.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserRun, type BrowserRun } from '../../support/browser-run.ts';
import { hasChromium, shoot, signInByForm } from '../../support/chromium.ts';
import { openFixtureDb } from '../../support/databases.ts';

const canRun = hasChromium;
const ADMIN_PASSWORD = 'e2e-admin-password';
const API_TOKEN = 'e2e-team-api-token';
const COLLECTOR_PASSWORD = 'cora-password-1234';

let run: BrowserRun;
let collector = '';

/** The API as automation calls it (bearer token, an admin): the figures to compare the page with. */
async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${run.base}/api${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
  expect(response.ok, path).toBe(true);
  return (await response.json()) as T;
}

/** Signs in through the sign-in page, as a person would. */
const signIn = (username: string, password: string) => signInByForm(run.browser, run.base, username, password);

const focusedCustomer = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.customer ?? document.activeElement?.tagName);

/** Presses Tab until the field with this test id has the focus (a date input takes several). */
async function tabTo(page: Page, testid: string) {
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  for (let i = 0; i < 8 && (await focused()) !== testid; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe(testid);
}

function today(): string {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

describe.skipIf(!canRun)('accounts, a collector’s book and the worklist by keyboard, in Chromium', () => {
  run = browserRun('radar-e2e-team-', (path) => openFixtureDb(path, { invoices: 8_000 }), {
    env: { RADAR_ADMIN_PASSWORD: ADMIN_PASSWORD, RADAR_API_TOKEN: API_TOKEN },
    timeout: 300_000
  });
  beforeAll(async () => {
    collector = (await api<{ collectors: string[] }>('/ledger')).collectors[0];
  });

  it('the admin adds a collector on the Users page at the first try', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('admin');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('users').waitFor();
    await page.getByTestId('new-username').fill('cora');
    await page.getByTestId('new-role').selectOption('collector');
    await page.getByTestId('new-collector').selectOption(collector);
    await page.getByTestId('new-password').fill(COLLECTOR_PASSWORD);
    await page.getByTestId('add-user-submit').click();
    await expect.poll(() => page.getByTestId('users-message').textContent()).toContain(`Added cora (collector of ${collector})`);
    await page.locator('tr[data-user="cora"]').waitFor();
    const { users } = await api<{ users: { username: string; role: string; collector: string | null }[] }>('/users');
    expect(users).toContainEqual(expect.objectContaining({ username: 'cora', role: 'collector', collector }));
    await shoot(page, 'admin-users');
    await page.context().close();
  });

  it('the collector signs in and the overview shows their book, with the API’s figures for it', async () => {
    const page = await signIn('cora', COLLECTOR_PASSWORD);
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('cora');
    await expect.poll(() => page.getByTestId('kpi-ar').getAttribute('data-value')).not.toBe('');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your book: weekly review');
    expect(await page.getByTestId('book-scope').textContent()).toContain(
      `Figures of your customers only (collector ${collector}), not the company's`
    );
    // the tiles are the API's weekly review of the book (as an admin asks it), not the company's
    type Review = { week_end: string; points: Record<string, number>[] };
    const book = await api<Review>(`/review?collector=${encodeURIComponent(collector)}`);
    const company = await api<Review>('/review');
    const [own, all] = [book.points.at(-1)!, company.points.at(-1)!];
    for (const key of ['ar', 'past_due_share', 'dso', 'bpdso', 'add', 'countback_dso', 'cei', 'cash_collected', 'cost_per_dollar']) {
      const shown = await page.getByTestId(`kpi-${key}`).getAttribute('data-value');
      expect(shown === '' ? null : Number(shown), key).toBe(own[key]);
    }
    expect(own.ar).toBeLessThan(all.ar);
    // its trend and week-over-week change are there too: the change under the AR tile is the book's
    expect(own.ar_change_1).not.toBe(all.ar_change_1);
    for (const chart of ['chart-dso', 'chart-aging', 'chart-recovery', 'chart-cash']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    }
    // nothing the role may not read or use: no company panels, no refusals, no Upload / Explore / Users
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Could not load').count()).toBe(0);
    expect(await page.getByTestId('panel-drift').count()).toBe(0);
    expect(await page.getByTestId('chart-forecast').count()).toBe(0);
    const nav = await page.getByRole('navigation', { name: 'Pages' }).textContent();
    for (const hidden of ['Upload', 'Explore', 'Users']) expect(nav).not.toContain(hidden);
    await shoot(page, 'overview-collector');
    await page.context().close();
  });

  it('the collector works the worklist with the keyboard alone and logs a promise', async () => {
    const page = await signIn('cora', COLLECTOR_PASSWORD);
    const list = await api<{ total: number; items: { customer_id: string; collector: string }[] }>(
      `/worklist?collector=${encodeURIComponent(collector)}&limit=500`
    );
    expect(list.items.length).toBeGreaterThan(3);
    await page.goto(`${run.base}/worklist`);
    const rows = page.getByTestId('worklist').locator('tbody tr[data-customer]');
    await rows.first().waitFor();
    expect(await page.getByTestId('worklist-count').textContent()).toContain(`${list.total.toLocaleString('en-US')} customers to work`);
    expect(await rows.count()).toBe(Math.min(500, list.total));
    // every row is the collector's own
    expect(new Set(list.items.map((i) => i.collector))).toEqual(new Set([collector]));
    // focus on the first row as the page loads; j and ↓ move down, k up
    await expect.poll(() => focusedCustomer(page)).toBe(list.items[0].customer_id);
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    expect(await focusedCustomer(page)).toBe(list.items[1].customer_id);
    // Enter opens the form with its first field focused; Esc closes it and gives the row its focus back
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('activity-channel');
    expect(await page.getByTestId('activity-date').inputValue()).toBe(today());
    expect(await page.getByTestId('logged-by').textContent()).toBe('Logged by cora');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('activity-form').count()).toBe(0);
    expect(await focusedCustomer(page)).toBe(list.items[1].customer_id);
    // a promise to pay, by keyboard: channel, (date stays today), promised date, amount, Enter
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('activity-channel');
    await page.getByTestId('activity-channel').press('p');
    expect(await page.getByTestId('activity-channel').inputValue()).toBe('promise');
    // Tab on through the activity date (Chromium tabs through its month, day, year and picker) to "Promised by"
    await tabTo(page, 'promised-date');
    const promised = new Date(Date.now() + 14 * 86_400_000);
    await page.keyboard.type(
      `${String(promised.getMonth() + 1).padStart(2, '0')}${String(promised.getDate()).padStart(2, '0')}${promised.getFullYear()}`
    );
    await tabTo(page, 'promised-amount');
    await page.keyboard.type('250');
    await shoot(page, 'worklist-form');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Logged a promise to pay' }).waitFor();
    // after logging, the next row has the focus
    await expect.poll(() => focusedCustomer(page)).toBe(list.items[2].customer_id);
    const { activities } = await api<{
      activities: {
        channel: string;
        activity_date: string;
        promised_amount: number | null;
        promised_date: string | null;
        logged_by: string;
      }[];
    }>(`/activities?customer_id=${encodeURIComponent(list.items[1].customer_id)}`);
    const promisedIso = [promised.getFullYear(), promised.getMonth() + 1, promised.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    expect(activities[0]).toMatchObject({
      channel: 'promise',
      activity_date: today(),
      promised_amount: 250,
      promised_date: promisedIso,
      logged_by: 'cora'
    });
    await shoot(page, 'worklist-collector');
    await page.context().close();
  });

  it('logs from the customer page, marks activities later than the as-of date, and signs out', async () => {
    const page = await signIn('cora', COLLECTOR_PASSWORD);
    const list = await api<{ items: { customer_id: string }[] }>(`/worklist?collector=${encodeURIComponent(collector)}&limit=3`);
    const customer = list.items[1].customer_id;
    const weekEnd = (await api<{ last_week_end: string }>('/ledger')).last_week_end;
    // as of the ledger's last week: the promise logged today is dated after it
    await page.goto(`${run.base}/customers/${encodeURIComponent(customer)}?as_of=${weekEnd}`);
    await page.getByTestId('timeline').waitFor();
    const later = page.getByTestId('timeline').locator('li[data-later="true"]');
    await later.first().waitFor();
    expect(await later.first().textContent()).toContain(`later than ${weekEnd}`);
    await page.getByTestId('log-activity').click();
    await page.getByTestId('activity-channel').selectOption('call');
    const note = `called from the customer page ${Date.now()}`;
    await page.getByTestId('activity-note').fill(note);
    await page.getByTestId('activity-submit').click();
    await page.getByTestId('timeline').getByText(note).waitFor();
    const { activities } = await api<{ activities: { note: string | null; logged_by: string }[] }>(
      `/activities?customer_id=${encodeURIComponent(customer)}`
    );
    expect(activities).toContainEqual(expect.objectContaining({ note, logged_by: 'cora' }));
    await page.getByTestId('log-activity').click();
    await shoot(page, 'customer-log');
    await page.getByTestId('sign-out').click();
    await page.waitForURL(`${run.base}/login`);
    const after = await page.context().request.get(`${run.base}/api/session`);
    expect(after.status()).toBe(401);
    await page.context().close();
  });
});
