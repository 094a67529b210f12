// The dashboard end to end in Chromium (playwright-core) against the built app served by
// server/index.ts on a test database: every page renders its figures, the DSO shown is the API's,
// an activity logged from the worklist shows in the customer's timeline, a bad file shows its
// reject table and changes nothing, the IBM sample changes the overview. Screenshots of every page
// at 1280×800 and 390 px wide go to artifacts/screenshots/; timings to artifacts/dashboard-perf.json.
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openFixtureDb } from './fixture-db.ts';

const CHROMIUM = '/usr/bin/chromium';
const IBM_SAMPLE = '/work/shared/data/ibm-ar-sample.csv';
const SHOTS = 'artifacts/screenshots';
const WEEK = '2026-11-22';
const canRun = existsSync(CHROMIUM);

let server: ChildProcess | undefined;
let browser: Browser;
let base = '';
let dir = '';
const perf: Record<string, number> = {};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${base}/api${path}`);
  return (await response.json()) as T;
}

async function shoot(page: Page, name: string) {
  for (const [width, height, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SHOTS, `${name}-${tag}.png`), fullPage: name !== 'worklist' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!canRun)('dashboard in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    if (!existsSync('build/index.html')) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'radar-e2e-'));
    const dbPath = join(dir, 'radar.duckdb');
    // a smaller generated ledger than the demo keeps the run well under two minutes on 2 cores
    const db = await openFixtureDb(dbPath, { invoices: 20_000 });
    db.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn('npx', ['tsx', 'server/index.ts'], {
      env: { ...process.env, PORT: String(port), RADAR_DB: dbPath, RADAR_UPLOADS: join(dir, 'uploads') },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true
    });
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`${base}/api/ledger`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
    mkdirSync('artifacts', { recursive: true });
    writeFileSync('artifacts/dashboard-perf.json', JSON.stringify(perf, null, 2));
  });

  it('overview renders every tile and chart, and its DSO is the API’s', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/?week=${WEEK}`);
    await page.getByTestId('kpi-dso').waitFor();
    perf.overview_tiles_ms = await page.evaluate(() => performance.now());
    await page.waitForLoadState('networkidle');
    perf.overview_idle_ms = await page.evaluate(() => performance.now());
    const nav = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
    perf.overview_dom_content_loaded_ms = nav;
    expect(await page.locator('[data-kpi]').count()).toBe(9);
    for (const id of ['chart-dso', 'chart-aging', 'chart-recovery', 'chart-cash']) {
      await expect.poll(() => page.getByTestId(id).locator('canvas').count()).toBeGreaterThan(0);
    }
    const kpis = await api<{ dso: number }>(`/kpis?as_of=${WEEK}`);
    expect(await page.getByTestId('kpi-dso').textContent()).toBe(`${kpis.dso.toFixed(1)} d`);
    await shoot(page, 'overview');
    await page.close();
  });

  it('aging opens a bucket’s customers and invoices, with its filters in the URL', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/aging?as_of=${WEEK}&bucket=1-30`);
    await page.getByTestId('bucket-invoices').locator('tbody tr').first().waitFor();
    const aging = await api<{ total: number }>(`/aging?as_of=${WEEK}`);
    const shown = await page.getByTestId('aging-total').textContent();
    expect(shown?.replace(/[^0-9.]/g, '')).toBe(aging.total.toFixed(2));
    await page.getByTestId('filter-segment').selectOption({ index: 1 });
    await page.waitForURL(/segment=/);
    await page.getByTestId('bucket-customers').locator('tbody tr').first().waitFor();
    await shoot(page, 'aging');
    await page.close();
  });

  it('an activity logged from the worklist shows in the customer’s timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/worklist`);
    const rows = page.getByTestId('worklist').locator('tbody tr[data-customer]');
    await rows.first().waitFor();
    await shoot(page, 'worklist');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    const second = rows.nth(1);
    await expect.poll(() => second.evaluate((el) => el === document.activeElement)).toBe(true);
    const customer = (await second.getAttribute('data-customer'))!;
    await page.keyboard.press('Enter');
    const note = `e2e call note ${Date.now()}`;
    await page.getByTestId('activity-note').fill(note);
    await page.getByTestId('activity-form').getByRole('button', { name: 'Log activity' }).click();
    await page.getByRole('status').filter({ hasText: 'Logged' }).waitFor();
    await page.goto(`${base}/customers/${encodeURIComponent(customer)}`);
    await page.getByTestId('timeline').getByText(note).waitFor();
    await page.getByTestId('payment-history').locator('canvas').first().waitFor();
    await shoot(page, 'customer');
    await page.close();
  });

  it('a bad file shows its reject table and changes nothing', async () => {
    const before = await api<{ ar: number }>(`/kpis?as_of=${WEEK}`);
    const bad = join(dir, 'bad-invoices.csv');
    writeFileSync(bad, 'invoice_id,customer_id,invoice_date,due_date,amount\nX1,C1,2026-02-30,2026-03-30,100\nX2,C1,2026-01-05,2026-01-01,-5\n');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/upload`);
    await page.getByTestId('file-input').setInputFiles(bad);
    await page.getByTestId('upload-button').click();
    await page.getByTestId('reject-report').locator('tbody tr').first().waitFor();
    await shoot(page, 'upload-rejected');
    const after = await api<{ ar: number }>(`/kpis?as_of=${WEEK}`);
    expect(after.ar).toBe(before.ar);
    await page.close();
  });

  it('uploading the IBM sample through the page changes the overview', async () => {
    // the sample's invoices are dated 2012–2013, before the generated ledger: that week goes from
    // empty to figures, and they are the API's
    const ibmWeek = '2013-06-30';
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/?week=${ibmWeek}`);
    await page.getByText('No ledger loaded yet').waitFor();
    await page.goto(`${base}/upload`);
    await page.getByTestId('file-input').setInputFiles(IBM_SAMPLE);
    await page.getByTestId('upload-button').click();
    await page.getByTestId('upload-loaded').waitFor({ timeout: 60_000 });
    await shoot(page, 'upload-loaded');
    await page.goto(`${base}/?week=${ibmWeek}`);
    await page.getByTestId('kpi-dso').waitFor();
    const kpis = await api<{ dso: number; ar: number }>(`/kpis?as_of=${ibmWeek}`);
    expect(kpis.ar).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-dso').textContent()).toBe(`${kpis.dso.toFixed(1)} d`);
    await page.close();
  });
});
