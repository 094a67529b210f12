// Starts Receivables Radar: open the database, bring the models up to date, seed the demo
// ledger on first run, serve /api and the built dashboard.
import { lowerWorkerThreads } from './threadpool.ts';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app.ts';
import { config } from './config.ts';
import { CHECKPOINT_PAST_BYTES, Database, dbPathFromEnv } from './db.ts';
import { ensureModels } from './models.ts';
import { isEmpty, seedDemoLedger } from './seed.ts';
import { AuthService } from './auth/service.ts';
import { allowedDirectories, inlineScriptHashes, lockDownFileAccess, privateTempDir } from './security.ts';
import { uploadsDirFromEnv } from './uploads-folder.ts';
import { keepWarm } from './warm-up.ts';
import { cleanStart } from './clean-start.ts';
import { scheduleDigest } from './digest/schedule.ts';

const WEB_BUILD = 'build';

/** SIGTERM ends the process within this, whatever runs (a stuck native call is killed). */
const STOP_DEADLINE_MS = 8000;

async function start() {
  const systemTemp = tmpdir();
  const tempDir = privateTempDir();
  const path = dbPathFromEnv();
  const db = await Database.open(path, { checkpointPastBytes: CHECKPOINT_PAST_BYTES });
  const uploadsDir = uploadsDirFromEnv();
  // the database's lock is held and nothing is served yet: what killed processes left can go
  for (const removed of cleanStart(path, uploadsDir, systemTemp)) {
    console.error(`removed ${removed.path} (${removed.bytes} bytes): ${removed.why}`);
  }
  const { rebuilt } = await db.write((connection) => ensureModels(connection));
  // DuckDB's and libuv's threads exist by now; a thread started later is lowered at the next look
  lowerWorkerThreads();
  setInterval(lowerWorkerThreads, 10_000).unref();
  if (rebuilt) console.error(`models rebuilt for ${path}`);
  if (await isEmpty(db)) {
    const started = Date.now();
    const { invoices } = await seedDemoLedger(db);
    console.error(
      `seeded ${path} with the generated demo ledger (${invoices} invoices) in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
  }

  // from here on DuckDB reads files only in the uploads folder, sql/seeds and the temp folder
  await lockDownFileAccess(db, allowedDirectories(uploadsDir, tempDir));
  const auth = await AuthService.open(db, {
    apiToken: config.apiToken,
    adminPassword: config.adminPassword,
    sessionHours: config.sessionHours
  });
  const app = createApp({ db, uploadsDir, auth, scriptHashes: inlineScriptHashes(`${WEB_BUILD}/index.html`) });
  if (existsSync(WEB_BUILD)) {
    const spaFallback = serveStatic({ path: `${WEB_BUILD}/index.html` });
    app.use('/*', serveStatic({ root: WEB_BUILD }));
    // A single-page app: every other page path gets index.html and routes in the browser;
    // an unknown /api path stays a JSON 404.
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : spaFallback(c, next)));
  }

  keepWarm(db, (message) => console.error(message));
  const digestJob = scheduleDigest(db);

  const { port, host: hostname } = config;
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    console.error(`Receivables Radar on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port} (database ${path})`);
  });
  // slow clients cannot hold a connection for ever: headers within 20 s, a whole request (an upload
  // included) within RADAR_REQUEST_TIMEOUT_MS (default 30 min), idle keep-alive sockets closed after 5 s
  const http = server as unknown as { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number };
  http.headersTimeout = 20_000;
  http.requestTimeout = config.requestTimeoutMs;
  http.keepAliveTimeout = 5_000;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // stop accepting, drop open connections, interrupt every statement, then exit; if a native
    // call does not return in time the process kills itself rather than outlive its SIGTERM
    setTimeout(() => {
      console.error(`stopping took longer than ${STOP_DEADLINE_MS / 1000} s; killing the process`);
      process.kill(process.pid, 'SIGKILL');
    }, STOP_DEADLINE_MS);
    digestJob?.stop();
    server.close();
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    void db.shutDown(STOP_DEADLINE_MS - 2000).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

start().catch((error: unknown) => {
  console.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
