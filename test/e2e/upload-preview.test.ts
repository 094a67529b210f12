// The upload page in Chromium: a CSV with bad cells shows each value the load would reject marked in
// the preview, with the load's reason on hover (the title) and listed under the rows; a wide ECB
// rates file's currency columns fill currency and rate, and its unreadable rate is marked under its
// currency; a file without a required column has that field marked missing in the mapping.
// Screenshots at 1280×800 and 390 px wide go to artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { browserRun, type BrowserRun } from '../../support/browser-run.ts';
import { hasChromium, pageWithSession, shoot } from '../../support/chromium.ts';
import { describe, expect, it } from 'vitest';
import { ledgerDatabase } from '../../support/databases.ts';

const fixture = (name: string) => new URL(`../fixtures/csv/${name}`, import.meta.url).pathname;

let run: BrowserRun;

async function uploadPage(): Promise<Page> {
  const page = await pageWithSession(run.browser, run.base, 'admin', 'hardening-admin-password');
  await page.goto(`${run.base}/upload`);
  return page;
}

describe.skipIf(!hasChromium)('upload preview in Chromium', () => {
  // one invoice, so the server starts on a ledger of its own (no demo seed)
  run = browserRun(
    'radar-upload-e2e-',
    (path) =>
      ledgerDatabase(
        { invoices: [{ invoice_id: 'I1', customer_id: 'C1', invoice_date: '2025-01-02', due_date: '2025-02-01', amount: 100 }] },
        path
      ),
    { timeout: 240_000 }
  );

  it('marks each value the load would reject, with its reason on hover', async () => {
    const page = await uploadPage();
    await page.getByTestId('file-input').setInputFiles(fixture('preview-bad-cells.csv'));
    const bad = page.getByTestId('preview-rows').getByTestId('bad-cell');
    // row 3: the date; row 4: amount, currency and yes/no; row 5: the amount and the due date (before the invoice date)
    await expect.poll(() => bad.count(), { timeout: 30_000 }).toBe(6);
    expect(await bad.allTextContents()).toEqual(['2025-13-40', 'abc', 'EURO', 'maybe', '2025-01-01', '-5.00']);
    const amount = bad.filter({ hasText: 'abc' });
    expect(await amount.getAttribute('title')).toBe('"abc" is not an amount');
    await amount.hover();
    expect(await bad.filter({ hasText: 'EURO' }).getAttribute('title')).toBe('"EURO" is not a currency code (three letters, like USD)');
    // the clean row 2 has no mark; the list under the table says the same six things in words
    const cleanRow = page.getByTestId('preview-rows').locator('tbody tr').first();
    expect(await cleanRow.getByTestId('bad-cell').count()).toBe(0);
    const listed = page.getByTestId('preview-cell-problems').locator('li');
    expect(await listed.count()).toBe(6);
    expect(await listed.first().textContent()).toBe('row 3, invoice_date: "2025-13-40" is not a date in this column\'s format YYYY-MM-DD');
    await shoot(page, 'upload-preview-bad-cells', { waitForIdle: false });
    await page.context().close();
  });

  it('fills currency and rate from a wide rates file’s currency columns and marks its unreadable rate', async () => {
    const page = await uploadPage();
    await page.getByTestId('file-input').setInputFiles(fixture('preview-wide-rates.csv'));
    await expect.poll(() => page.getByTestId('preview-shape').textContent(), { timeout: 30_000 }).toBe('fx_rates');
    expect(await page.getByTestId('mapping-currency').getAttribute('data-missing')).toBe('false');
    expect(await page.getByTestId('mapping-currency').textContent()).toContain('the currency columns: USD, JPY, GBP');
    expect(await page.getByTestId('mapping-units_per_base').getAttribute('data-missing')).toBe('false');
    const bad = page.getByTestId('preview-rows').getByTestId('bad-cell');
    expect(await bad.allTextContents()).toEqual(['abc']);
    expect(await bad.getAttribute('title')).toBe('"abc" is not a rate (a number like 1.0947)');
    await shoot(page, 'upload-preview-wide-rates', { waitForIdle: false });
    await page.context().close();
  });

  it('marks a required field no column fills as missing', async () => {
    const page = await uploadPage();
    await page.getByTestId('file-input').setInputFiles(fixture('preview-no-due-date.csv'));
    await page.getByTestId('preview-file').waitFor({ timeout: 30_000 });
    await page.getByTestId('shape-select').selectOption('invoices');
    const due = page.getByTestId('mapping-due_date');
    await expect.poll(() => due.getAttribute('data-missing'), { timeout: 30_000 }).toBe('true');
    expect(await due.textContent()).toContain('missing');
    expect(await page.getByTestId('mapping-amount').getAttribute('data-missing')).toBe('false');
    expect(await page.getByTestId('upload-button').isDisabled()).toBe(true);
    await shoot(page, 'upload-preview-missing-field', { waitForIdle: false });
    await page.context().close();
  });
});
