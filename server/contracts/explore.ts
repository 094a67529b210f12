// The Explore sandbox: sources to query, a query (answered as an Arrow IPC stream), an export.
import { z } from 'zod';
import { wholeNumber } from './common.ts';

export const exploreQuery = z.object({
  sql: z.string().min(1, 'write a query').max(100_000, 'must be at most 100,000 characters'),
  max_rows: wholeNumber(1, 100_000).default(10_000)
});

export const exportFormat = z.object({
  format: z.enum(['csv', 'parquet'], { message: 'must be csv or parquet' }).default('csv')
});

export const exploreSources = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['table', 'view', 'mart']),
      columns: z.array(z.object({ name: z.string(), type: z.string() }))
    })
  ),
  uploads: z.array(z.object({ file: z.string(), query_path: z.string() }))
});

export type ExploreQuery = z.input<typeof exploreQuery>;
export type ExploreSources = z.infer<typeof exploreSources>;
