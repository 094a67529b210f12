// Builds the Hono app: /api routes and error handling. No listen here, so tests call app.request().
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { config } from './config.ts';
import type { Database } from './db.ts';
import { reportRoutes } from './routes/reports.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { reviewRoutes } from './routes/review.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { customerRoutes } from './routes/customers.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { uploadPreviewRoutes } from './routes/upload-preview.ts';
import { loadsRoutes } from './routes/loads.ts';
import { auditRoutes } from './routes/audit.ts';
import { uploadsDirFromEnv } from './uploads-folder.ts';
import { driftRoutes } from './routes/drift.ts';
import { worklistRoutes } from './routes/worklist.ts';
import { forecastRoutes } from './routes/forecast.ts';
import { activitiesRoutes } from './routes/activities.ts';
import { exploreRoutes } from './routes/explore.ts';
import { sessionRoutes } from './routes/session.ts';
import { userRoutes } from './routes/users.ts';
import { requireAuth, type AuthVariables } from './auth/middleware.ts';
import type { AuthService } from './auth/service.ts';
import { jsonBodyLimit, securityHeaders } from './security.ts';
import { ClientGone, FiguresNotRebuilt, StorageRefused } from './write-errors.ts';
import { outOfMemoryReason } from './memory-errors.ts';
import { timeout } from 'hono/timeout';
import { agedBalanceRoutes } from './routes/aged-balance.ts';
import { exportRoutes } from './routes/exports.ts';
import { promisesRoutes } from './routes/promises.ts';
import { performanceRoutes } from './routes/performance.ts';
import { BadParameter } from './queries/bad-parameter.ts';
import { missingRateReason } from './fx-errors.ts';

export interface AppDependencies {
  db: Database;
  /** Where uploaded files are kept; default RADAR_UPLOADS or data/uploads. */
  uploadsDir?: string;
  /**
   * Sign-in (server/auth): every /api request needs a session or the bearer token. 'disabled' lets
   * every request in as an admin: for tests of other concerns only, never for a server.
   */
  auth: AuthService | 'disabled';
  /** CSP hashes of the built page's inline scripts (server/security.ts inlineScriptHashes) */
  scriptHashes?: string[];
}

export function createApp({ db, uploadsDir = uploadsDirFromEnv(), auth, scriptHashes = [] }: AppDependencies) {
  const api = new Hono<{ Variables: AuthVariables }>()
    .use('*', requireAuth(auth, db))
    .route('/session', sessionRoutes(auth, db))
    .route('/users', userRoutes(auth, db))
    .route('/explore', exploreRoutes(db, uploadsDir))
    .route('/', reportRoutes(db))
    .route('/uploads/preview', uploadPreviewRoutes(db))
    .route('/uploads', uploadRoutes(db, uploadsDir))
    .route('/loads', loadsRoutes(db, uploadsDir))
    .route('/audit', auditRoutes(db))
    .route('/drift', driftRoutes(db))
    .route('/worklist', worklistRoutes(db))
    .route('/forecast', forecastRoutes(db))
    .route('/activities', activitiesRoutes(db))
    .route(
      '/openapi.json',
      openApiRoutes(() => app.routes)
    )
    // the dashboard's own reads
    .route('/ledger', ledgerRoutes(db))
    .route('/review', reviewRoutes(db))
    .route('/invoices', invoiceRoutes(db))
    .route('/customers', customerRoutes(db))
    .route('/aged-balance', agedBalanceRoutes(db))
    .route('/exports', exportRoutes(db))
    .route('/promises', promisesRoutes(db))
    .route('/performance', performanceRoutes(db));

  const app = new Hono();
  app.use('*', securityHeaders(scriptHashes));
  app.use('/api/*', async (c, next) => {
    await next();
    // figures of a company's customers: never cached by a browser or a proxy
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // a read that takes longer than this answers 503 rather than holding the client (the query itself
  // runs on; DuckDB reads are bounded by the data). Uploads and Explore have limits of their own.
  const readTimeout = config.readTimeoutMs;
  app.on(
    ['GET', 'HEAD'],
    '/api/*',
    timeout(readTimeout, () => new HTTPException(503, { message: `the request took longer than ${readTimeout / 1000} s` }))
  );
  app.use('/api/*', jsonBodyLimit());
  app.route('/api', api);
  app.notFound((c) =>
    c.req.path.startsWith('/api') ? c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404) : c.text('Not found', 404)
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.res ? error.getResponse() : c.json({ error: error.message }, error.status);
    if (error instanceof ClientGone) return c.json({ error: error.message }, 400);
    if (error instanceof BadParameter) return c.json({ error: error.message }, 400);
    // any read that converts money without the rate it needs (reads outside reports.ts included)
    const missingRate = missingRateReason(error);
    if (missingRate) return c.json({ error: missingRate }, 422);
    console.error(error);
    const outOfMemory = outOfMemoryReason(error);
    if (outOfMemory) return c.json({ error: outOfMemory }, 503);
    if (error instanceof FiguresNotRebuilt || error instanceof StorageRefused) return c.json({ error: error.message }, 503);
    // the disk refused the commit (full, read-only, the log unwritable): DuckDB rolled it back
    const refused = error instanceof Error ? /Failed to commit: (.*)/.exec(error.message) : null;
    if (refused) return c.json({ error: `the database could not save this change, nothing of it was kept: ${refused[1]}` }, 503);
    return c.json({ error: 'internal error; the server log has the details' }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
