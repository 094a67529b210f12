// The OpenAPI 3.1 document, generated from the routes themselves: each route carries doc({ summary,
// response }) in its chain, and its parameters and body come from the validators it already runs
// (validate() in server/validate.ts), so a route is declared once and its document follows it.
import type { MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { errorResponse } from './contracts/common.ts';
import { validatedSchemas } from './validate.ts';

export interface OperationDoc {
  summary: string;
  response: z.ZodType;
  /** path parameters a route reads without a validator, named as in its path */
  params?: z.ZodType;
  /** a body the route reads itself (multipart uploads) */
  body?: { contentType: string; schema: z.ZodType };
}

const docs = new WeakMap<object, OperationDoc>();

/** A route's line in the OpenAPI document: put it first in the route's chain. Passes the request on. */
export function doc(operation: OperationDoc): MiddlewareHandler {
  const middleware: MiddlewareHandler = async (_c, next) => {
    await next();
  };
  docs.set(middleware, operation);
  return middleware;
}

export interface Operation extends Partial<OperationDoc> {
  /** OpenAPI form: /api/customers/{id} */
  path: string;
  method: string;
  query?: z.ZodType;
  json?: z.ZodType;
}

/** A handler as registered; a sub-app with an error handler of its own wraps it (hono-base.ts). */
const original = (handler: object) => (handler as { __COMPOSED_HANDLER?: object }).__COMPOSED_HANDLER ?? handler;

/** Every endpoint the app registered under /api (middleware on `*` paths aside), with what its chain says of it. */
export function operationsOf(routes: RouterRoute[]): Operation[] {
  const operations = new Map<string, Operation>();
  for (const route of routes) {
    if (route.method === 'ALL' || route.path.includes('*') || !route.path.startsWith('/api/')) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
    const method = route.method.toLowerCase();
    const key = `${method} ${path}`;
    const operation = operations.get(key) ?? { path, method };
    operations.set(key, operation);
    const handler = original(route.handler);
    Object.assign(operation, docs.get(handler));
    const validated = validatedSchemas.get(handler);
    if (validated?.target === 'query') operation.query = validated.schema;
    if (validated?.target === 'param') operation.params = validated.schema;
    if (validated?.target === 'json') operation.json = validated.schema;
  }
  return [...operations.values()];
}

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

/** A route without doc() has no summary: test/api/openapi.test.ts fails on it. */
export function openApiDocument(routes: RouterRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operationsOf(routes)) {
    const body = op.json ? { contentType: 'application/json', schema: op.json } : op.body;
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      parameters: [...(op.params ? parameters(op.params, 'path') : []), ...(op.query ? parameters(op.query, 'query') : [])],
      ...(body && { requestBody: { required: true, content: { [body.contentType]: { schema: jsonSchema(body.schema, 'input') } } } }),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: op.response ? jsonSchema(op.response, 'output') : {} } } },
        400: {
          description: 'A bad parameter, named in the message',
          content: { 'application/json': { schema: jsonSchema(errorResponse, 'output') } }
        }
      }
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Receivables Radar API',
      version: '0.1.0',
      description: 'Accounts-receivable KPIs, aging, drift and worklist. Figures follow spec/metrics.md.'
    },
    paths
  };
}
