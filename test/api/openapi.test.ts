// The OpenAPI document is generated from the routes the Hono app registered: every route it answers
// is in it, with the summary and response its doc() gives and the parameters of its validators. A
// route added without doc() fails here.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import { openApiDocument } from '../../server/openapi.ts';

// building the app runs no query: routes only capture the database
const app = createApp({ db: {} as Database, auth: 'disabled', uploadsDir: '/tmp/radar-openapi-test' });

/** `GET /api/customers/{id}` for every handler the app registered (middleware on `*` paths aside). */
function registeredRoutes(): string[] {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`);
  return [...new Set(routes)].sort();
}

type DocumentedOperation = {
  summary?: string;
  parameters: { name: string; in: string; required: boolean }[];
  responses: Record<string, unknown>;
};
const document = () => openApiDocument(app.routes) as { paths: Record<string, Record<string, DocumentedOperation>> };

/** The routes with a summary and a response schema (doc() in their chain). */
function documentedRoutes(): string[] {
  return Object.entries(document().paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(
          ([, operation]) =>
            Boolean(operation.summary) &&
            Object.keys(
              (operation.responses[200] as { content: { 'application/json': { schema: object } } }).content['application/json'].schema
            ).length > 0
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`)
    )
    .sort();
}

describe('OpenAPI document', () => {
  it('documents every registered route, and only those', () => {
    const registered = registeredRoutes();
    // the walk finds the routes at all (a broken filter would pass vacuously)
    expect(registered).toContain('GET /api/customers/{id}');
    expect(registered).toContain('PATCH /api/users/{username}');
    expect(registered.length).toBeGreaterThan(30);
    const documented = new Set(documentedRoutes());
    expect(
      registered.filter((route) => !documented.has(route)),
      'routes without doc({ summary, response })'
    ).toEqual([]);
    expect(
      documentedRoutes().filter((route) => !registered.includes(route)),
      'documented routes the app does not have'
    ).toEqual([]);
  });

  it('names each path parameter of a route as a required path parameter', () => {
    const { paths } = document();
    for (const [path, methods] of Object.entries(paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(methods)) {
        const inPath = operation.parameters.filter((p) => p.in === 'path');
        expect(
          inPath.map((p) => p.name),
          `${method} ${path}`
        ).toEqual(names);
        expect(inPath.every((p) => p.required)).toBe(true);
      }
    }
  });

  it('is served at /api/openapi.json with the query parameters of the contracts', async () => {
    const response = await app.request('/api/openapi.json');
    const served = (await response.json()) as ReturnType<typeof document>;
    expect(served.paths).toEqual(JSON.parse(JSON.stringify(document().paths)));
    const review = served.paths['/api/review'].get;
    expect(review.summary).toMatch(/weekly review/);
    expect(review.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['week_end', 'weeks', 'window']));
    // a JSON body comes from the route's json validator, a multipart one from its doc()
    const signIn = served.paths['/api/session'].post as DocumentedOperation & {
      requestBody: { content: Record<string, { schema: { properties: object } }> };
    };
    expect(Object.keys(signIn.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['username', 'password'])
    );
    const upload = served.paths['/api/uploads'].post as DocumentedOperation & { requestBody: { content: Record<string, unknown> } };
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
