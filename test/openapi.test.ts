// The OpenAPI document lists every route the Hono app answers, and nothing it does not: the test walks
// app.routes, so a route added without its entry in server/openapi.ts fails here.
import { describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import type { Database } from '../server/db.ts';
import { openApiDocument } from '../server/openapi.ts';

// building the app runs no query: routes only capture the database
const app = createApp({ db: {} as Database, auth: 'disabled', uploadsDir: '/tmp/radar-openapi-test' });

/** `GET /api/customers/{id}` for every handler the app registered (middleware on `*` paths aside). */
function registeredRoutes(): string[] {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`);
  return [...new Set(routes)].sort();
}

function documentedRoutes(): string[] {
  const { paths } = openApiDocument();
  return Object.entries(paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
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
    expect(registered.filter((route) => !documented.has(route)), 'routes missing from server/openapi.ts').toEqual([]);
    expect(documentedRoutes().filter((route) => !registered.includes(route)), 'documented routes the app does not have').toEqual([]);
  });

  it('names each path parameter of a route as a required path parameter', () => {
    const { paths } = openApiDocument();
    for (const [path, methods] of Object.entries(paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(methods) as [string, { parameters: { name: string; in: string; required: boolean }[] }][]) {
        const inPath = operation.parameters.filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name), `${method} ${path}`).toEqual(names);
        expect(inPath.every((p) => p.required)).toBe(true);
      }
    }
  });

  it('is served at /api/openapi.json with the query parameters of the contracts', async () => {
    const response = await app.request('/api/openapi.json');
    const document = (await response.json()) as ReturnType<typeof openApiDocument>;
    expect(document.openapi).toBe('3.1.0');
    const review = document.paths['/api/review'].get as { parameters: { name: string }[] };
    expect(review.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['week_end', 'weeks', 'window']));
  });
});
