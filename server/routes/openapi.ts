// GET /api/openapi.json: the API described from the same zod schemas that validate it.
import { Hono } from 'hono';
import { openApiDocument } from '../openapi.ts';

export function openApiRoutes() {
  const document = openApiDocument();
  return new Hono().get('/', (c) => c.json(document));
}
