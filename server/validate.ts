// One error shape (style.md §15): a bad parameter becomes a 400 {"error"} that names it.
import { zValidator } from '@hono/zod-validator';
import { HTTPException } from 'hono/http-exception';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';

export function describeIssues(error: { issues: readonly z.core.$ZodIssue[] }): string {
  return error.issues
    .map((issue) => {
      const name = issue.path.map(String).join('.') || 'request';
      return `${name}: ${issue.message}`;
    })
    .join('; ');
}

/** The schema each validator checks, by its middleware: what server/openapi.ts documents a route's parameters from. */
export const validatedSchemas = new WeakMap<object, { target: keyof ValidationTargets; schema: z.ZodType }>();

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new HTTPException(400, { message: describeIssues(result.error) });
    }
  });
  validatedSchemas.set(middleware, { target, schema });
  return middleware;
}
