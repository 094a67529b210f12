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

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new HTTPException(400, { message: describeIssues(result.error) });
    }
  });
}
