// The system's Chromium for browser tests (stack-notes.md: never a downloaded browser), headless and
// quiet: no sandbox, GPU, background network or first-run work; and what every browser test does with
// it: sign in (by the form or through the API) and take the screenshots at both widths.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync'
    ]
  });
}

export const SHOTS = 'artifacts/screenshots';

/** A page in a new 1280×800 context, signed in through the sign-in page as a person would. */
export async function signInByForm(
  browser: Browser,
  base: string,
  username: string,
  password: string,
  options: BrowserContextOptions = {}
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('signed-in-user').waitFor();
  return page;
}

/** A blank page in a new 1280×800 context that holds the session cookie of a sign-in through the API. */
export async function pageWithSession(browser: Browser, base: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const response = await context.request.post(`${base}/api/session`, { data: { username, password } });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
  return context.newPage();
}

/**
 * Screenshots of the page at 1280×800 and 390 px wide (artifacts/screenshots/<name>-desktop.png and
 * -phone.png), each once the network is idle unless told not to wait (a page that polls); the page is
 * left at 1280×800.
 */
export async function shoot(page: Page, name: string, { fullPage = true, waitForIdle = true } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const [width, height, tag] of [
    [1280, 800, 'desktop'],
    [390, 844, 'phone']
  ] as const) {
    await page.setViewportSize({ width, height });
    if (waitForIdle) await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SHOTS, `${name}-${tag}.png`), fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
