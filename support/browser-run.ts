// What every browser test runs against, set up before its tests and torn down after them: the built
// web app served by server/index.ts (support/server.ts) on a database of its own in a temporary
// folder, and the system's Chromium (support/chromium.ts).
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../server/db.ts';
import { launchChromium } from './chromium.ts';
import { startServer, stopServer, type RunningServer } from './server.ts';

export interface BrowserRun {
  /** the temporary folder: radar.duckdb, uploads/ and whatever a test writes there */
  dir: string;
  server: RunningServer;
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
}

export interface BrowserRunOptions {
  /** variables for the server (an admin password and an API token of the test's own, say) */
  env?: Record<string, string>;
  /** what to wait for once the server answers, before Chromium starts (its warm-up, say) */
  started?: (server: RunningServer) => Promise<void>;
  /** how long the setup may take, in ms */
  timeout: number;
}

/**
 * Registers the setup and teardown of a browser test (call it in its describe block): builds the web
 * app when stale, fills `<folder>/radar.duckdb` with `fill` (a database it opens there and this closes),
 * starts the server on the folder and launches Chromium; after the tests closes both and removes the folder.
 */
export function browserRun(prefix: string, fill: (dbPath: string) => Promise<Database>, options: BrowserRunOptions): BrowserRun {
  const run = {} as BrowserRun;
  beforeAll(async () => {
    execSync('node scripts/build-web-if-stale.mjs', { stdio: 'inherit' });
    run.dir = mkdtempSync(join(tmpdir(), prefix));
    (await fill(join(run.dir, 'radar.duckdb'))).close();
    run.server = await startServer(run.dir, options.env);
    run.base = run.server.base;
    await options.started?.(run.server);
    run.browser = await launchChromium();
  }, options.timeout);
  afterAll(async () => {
    await run.browser?.close();
    await stopServer(run.server);
    if (run.dir) rmSync(run.dir, { recursive: true, force: true });
  });
  return run;
}
