// Builds the Hono app: /api routes and error handling. No listen here, so tests call app.request().
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Database } from './db.ts';
import { agingRoutes, kpisRoutes, periodRoutes, seriesRoutes } from './routes/reports.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { reviewRoutes } from './routes/review.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { customerRoutes } from './routes/customers.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { uploadPreviewRoutes } from './routes/upload-preview.ts';
import { loadsRoutes } from './routes/loads.ts';
import { uploadsDirFromEnv } from './uploads-folder.ts';
import { driftRoutes } from './routes/drift.ts';
import { worklistRoutes } from './routes/worklist.ts';
import { activitiesRoutes } from './routes/activities.ts';

export interface AppDependencies {
  db: Database;
  /** Where uploaded files are kept; default RADAR_UPLOADS or data/uploads. */
  uploadsDir?: string;
}

export function createApp({ db, uploadsDir = uploadsDirFromEnv() }: AppDependencies) {
  const api = new Hono()
    .route('/kpis', kpisRoutes(db))
    .route('/period', periodRoutes(db))
    .route('/aging', agingRoutes(db))
    .route('/series', seriesRoutes(db))
    .route('/uploads/preview', uploadPreviewRoutes(db))
    .route('/uploads', uploadRoutes(db, uploadsDir))
    .route('/loads', loadsRoutes(db))
    .route('/drift', driftRoutes(db))
    .route('/worklist', worklistRoutes(db))
    .route('/activities', activitiesRoutes(db))
    .route('/openapi.json', openApiRoutes())
    // the dashboard's own reads
    .route('/ledger', ledgerRoutes(db))
    .route('/review', reviewRoutes(db))
    .route('/invoices', invoiceRoutes(db))
    .route('/customers', customerRoutes(db));

  const app = new Hono();
  app.route('/api', api);
  app.notFound((c) => (c.req.path.startsWith('/api') ? c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404) : c.text('Not found', 404)));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    console.error(error);
    return c.json({ error: 'internal error; the server log has the details' }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
