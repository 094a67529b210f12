// The OpenAPI 3.1 document, generated from the zod contracts (zod 4's JSON Schema output).
import { z } from 'zod';
import { errorResponse } from './contracts/common.ts';
import * as reports from './contracts/reports.ts';
import * as risk from './contracts/risk.ts';
import * as uploads from './contracts/uploads.ts';
import * as authContracts from './contracts/auth.ts';
import * as explore from './contracts/explore.ts';
import * as loads from './contracts/loads.ts';
import * as dashboard from './contracts/dashboard.ts';
import * as agedBalance from './contracts/aged-balance.ts';
import * as promises from './contracts/promises.ts';
import * as forecast from './contracts/forecast.ts';
import * as performance from './contracts/performance.ts';
import * as audit from './contracts/audit.ts';

export interface Operation {
  /** OpenAPI form: /api/customers/{id} */
  path: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  summary: string;
  query?: z.ZodType;
  /** path parameters, named as in `path` */
  params?: z.ZodType;
  body?: { contentType: string; schema: z.ZodType };
  response: z.ZodType;
}

const signedOut = z.object({ signed_out: z.literal(true) });

export const operations: Operation[] = [
  { path: '/api/session', method: 'post', summary: 'Sign in: sets the httpOnly session cookie and the radar_csrf cookie (public; DELETE signs out)', body: { contentType: 'application/json', schema: authContracts.signIn }, response: authContracts.me },
  { path: '/api/session', method: 'get', summary: 'Who is signed in (401 when nobody)', response: authContracts.me },
  { path: '/api/session', method: 'delete', summary: 'Sign out: ends the session and clears its cookies', response: signedOut },
  { path: '/api/users', method: 'get', summary: 'Every account with its role, collector and whether it is disabled (admin only)', response: authContracts.usersReport },
  {
    path: '/api/users',
    method: 'post',
    summary: "Add a user with a role (admin only); a collector's collector name must be one the ledger's customers carry (400 naming it otherwise)",
    body: { contentType: 'application/json', schema: authContracts.newUser },
    response: authContracts.userSummary
  },
  {
    path: '/api/users/{username}',
    method: 'patch',
    summary: 'Change role, collector or disabled (admin only); a disabled user is signed out and cannot sign in; the last active admin stays',
    params: authContracts.usernameParam,
    body: { contentType: 'application/json', schema: authContracts.userChange },
    response: authContracts.userSummary
  },
  {
    path: '/api/users/{username}/password',
    method: 'post',
    summary: "Reset a user's password to the one given, or to a generated one answered once; their sessions end (admin only)",
    params: authContracts.usernameParam,
    body: { contentType: 'application/json', schema: authContracts.passwordReset },
    response: authContracts.passwordResetDone
  },
  { path: '/api/explore/sources', method: 'get', summary: 'What Explore can query: models with columns, uploaded files with a path for read_csv/read_parquet', response: explore.exploreSources },
  {
    path: '/api/explore/query',
    method: 'post',
    summary: 'One read-only SQL statement; 200 answers an Arrow IPC stream (application/vnd.apache.arrow.stream) with X-Row-Count and X-Truncated, 400 {"error"} DuckDB\'s or the sandbox\'s message',
    body: { contentType: 'application/json', schema: explore.exploreQuery },
    response: explore.exploreSources.pick({})
  },
  {
    path: '/api/explore/export',
    method: 'post',
    summary: 'The query as a file download: ?format=csv (formula injection neutralised) or parquet',
    query: explore.exportFormat,
    body: { contentType: 'application/json', schema: explore.exploreQuery },
    response: explore.exploreSources.pick({})
  },
  { path: '/api/kpis', method: 'get', summary: 'AR, DSO, BPDSO, ADD, countback DSO and past-due share at an as-of date', query: reports.kpisQuery, response: reports.kpisReport },
  { path: '/api/period', method: 'get', summary: 'CEI, cash, cost per dollar, write-offs, disputes, promises and recovery of a period', query: reports.periodQuery, response: reports.periodReport },
  { path: '/api/aging', method: 'get', summary: 'Balances and invoices per aging bucket at an as-of date', query: reports.agingQuery, response: reports.agingReport },
  { path: '/api/series', method: 'get', summary: 'Weekly or monthly points: period KPIs and as-of KPIs at each period end', query: reports.seriesQuery, response: reports.seriesReport },
  { path: '/api/drift', method: 'get', summary: 'Payment-behaviour drift score (0–100), flag and reasons of every customer, highest first', query: risk.driftQuery, response: risk.driftReport },
  { path: '/api/forecast', method: 'get', summary: "Cash expected per week from the invoices open at an as-of date (80 % interval) and each invoice's median pay date, 10th/90th percentiles and late probability", query: forecast.forecastQuery, response: forecast.forecastReport },
  { path: '/api/forecast/weeks', method: 'get', summary: 'The weeks of the forecast alone (the overview chart)', query: forecast.forecastQuery, response: forecast.forecastWeeksReport },
  { path: '/api/forecast/invoices', method: 'get', summary: "One customer's open invoices with their predicted pay dates and late probability", query: forecast.forecastInvoicesQuery, response: forecast.forecastInvoicesReport },
  { path: '/api/forecast/history', method: 'get', summary: "The last weeks' forecasts, each made the day before its week, beside the cash that came in; WAPE and interval coverage", query: forecast.forecastHistoryQuery, response: forecast.forecastHistory },
  { path: '/api/worklist', method: 'get', summary: 'Customers to chase, by priority, with open invoices, next action of the escalation ladder and reasons', query: risk.worklistQuery, response: risk.worklistReport },
  { path: '/api/activities', method: 'post', summary: 'Log one collection touch (append-only)', body: { contentType: 'application/json', schema: risk.activityInput }, response: risk.activity },
  { path: '/api/activities', method: 'get', summary: "A customer's logged touches, newest first", query: risk.activitiesQuery, response: risk.activitiesReport },
  {
    path: '/api/uploads',
    method: 'post',
    summary: 'Load CSV or Parquet files (multipart: one or more files, optional as, replace, date_format); all or nothing',
    body: { contentType: 'multipart/form-data', schema: uploads.uploadFields },
    response: uploads.ingestReport
  },
  {
    path: '/api/uploads/preview',
    method: 'post',
    summary: 'What one file would load (shape, mapping, date formats, first rows, problems) before anything is committed; writes nothing',
    body: { contentType: 'multipart/form-data', schema: loads.previewFields },
    response: loads.uploadPreview
  },
  { path: '/api/loads', method: 'get', summary: 'Every load (file, table, rows, undone or not), newest first', response: loads.loadsReport },
  { path: '/api/loads/progress', method: 'get', summary: 'The write under way (a load or an undo): its step and how far DuckDB is through it', response: loads.writeProgress },
  { path: '/api/audit', method: 'get', summary: 'The audit trail, newest first: loads, undos, user changes and sign-ins with who, when and from where (admin only)', query: audit.auditQuery, response: audit.auditReport },
  { path: '/api/loads/{id}/undo', method: 'post', summary: 'Undo one load: delete its rows and rebuild the models', params: loads.loadIdParam, response: loads.undoReport },
  { path: '/api/openapi.json', method: 'get', summary: 'This document (public)', response: z.object({ openapi: z.string() }).loose() },
  // the dashboard's own reads
  { path: '/api/ledger', method: 'get', summary: 'What the loaded ledger spans and holds: dates, currencies, segments, collectors', response: dashboard.ledgerInfo },
  {
    path: '/api/review',
    method: 'get',
    summary: "The overview's weekly review: every KPI for N weeks ending with the week, with changes against 1 and 13 weeks before, and the weekly aging",
    query: dashboard.reviewQuery,
    response: dashboard.reviewReport
  },
  { path: '/api/review/recovery', method: 'get', summary: 'Recovery rate by bucket over the 13 weeks ending with the week, and the 13 weeks before', query: dashboard.recoveryQuery, response: dashboard.recoveryComparison },
  { path: '/api/invoices', method: 'get', summary: 'Open invoices at an as-of date, filtered (bucket, customer, collector, segment ...) and paged', query: dashboard.invoicesQuery, response: dashboard.invoicesReport },
  { path: '/api/invoices/buckets', method: 'get', summary: 'Open balance and invoices per aging bucket under the same filters as /api/invoices', query: dashboard.invoiceFilters, response: dashboard.bucketsReport },
  { path: '/api/invoices/customers', method: 'get', summary: 'The customers behind the filtered open invoices, with their balances', query: dashboard.invoiceFilters, response: dashboard.bucketCustomersReport },
  { path: '/api/customers', method: 'get', summary: 'Customers with their balances at an as-of date, ranked', query: dashboard.customersQuery, response: dashboard.customersReport },
  {
    path: '/api/customers/{id}',
    method: 'get',
    summary: "One customer's page: figures, own KPIs, drift, open invoices, payment history and activity timeline",
    params: z.object({ id: z.string() }),
    query: dashboard.customerQuery,
    response: dashboard.customerReport
  },
  { path: '/api/aged-balance', method: 'get', summary: 'Aged balance by customer: each customer × aging bucket plus credits at an as-of date, filtered and sorted, with totals', query: agedBalance.agedBalanceQuery, response: agedBalance.agedBalanceReport },
  { path: '/api/aged-balance/invoices', method: 'get', summary: 'The invoices behind one cell of the aged balance (a customer and a column)', query: agedBalance.agedCellQuery, response: agedBalance.agedCellReport },
  { path: '/api/promises', method: 'get', summary: 'Promises to pay around an as-of date with their status (due this week, overdue, kept, broken, later) and a count per status', query: promises.promisesQuery, response: promises.promisesReport },
  { path: '/api/performance', method: 'get', summary: "Per collector and channel over a period: touches, promises made and kept, cash from their book, the book's CEI and the share of touches followed by a payment within 7 days", query: performance.performanceQuery, response: performance.performanceReport },
  {
    path: '/api/exports/{file}',
    method: 'get',
    summary: "What a page shows as a download: file is <view>.<format> (view: aged-balance, aging, worklist, ledger, promises; format: csv or xlsx), the query is the page's own; the file name carries the as-of date and filters",
    params: z.object({ file: z.string() }),
    response: z.string()
  }
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
}

function parameters(schema: z.ZodType, where: 'query' | 'path') {
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required?.includes(name) ?? false),
    schema: property
  }));
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      parameters: [...(op.params ? parameters(op.params, 'path') : []), ...(op.query ? parameters(op.query, 'query') : [])],
      ...(op.body && { requestBody: { required: true, content: { [op.body.contentType]: { schema: jsonSchema(op.body.schema, 'input') } } } }),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } },
        400: { description: 'A bad parameter, named in the message', content: { 'application/json': { schema: jsonSchema(errorResponse, 'output') } } }
      }
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Receivables Radar API', version: '0.1.0', description: 'Accounts-receivable KPIs, aging, drift and worklist. Figures follow spec/metrics.md.' },
    paths
  };
}
