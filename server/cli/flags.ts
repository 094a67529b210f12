// CLI flags go through the same zod schemas as the API's query strings; errors name the flag.
import type { z } from 'zod';
import { BadInput } from './errors.ts';

const flagName = (parameter: string) => `--${parameter.replace(/_/g, '-')}`;

export function parseFlags<Schema extends z.ZodType>(schema: Schema, values: Record<string, unknown>): z.infer<Schema> {
  const defined = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  const reason = result.error.issues
    .map((issue) => `${issue.path.length ? flagName(issue.path.map(String).join('.')) : 'options'}: ${issue.message}`)
    .join('; ');
  throw new BadInput(reason);
}
