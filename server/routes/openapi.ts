// GET /api/openapi.json: the API described from the routes the app registered (server/openapi.ts).
import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { doc, openApiDocument } from '../openapi.ts';

/** `routes` is read at the first request, once every route is mounted. */
export function openApiRoutes(routes: () => RouterRoute[]) {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return new Hono().get('/', doc({ summary: 'This document (public)', response: z.object({ openapi: z.string() }).loose() }), (c) =>
    c.json((document ??= openApiDocument(routes())))
  );
}
