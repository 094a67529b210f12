// Parameters of GET /api/exports/<view>.<csv|xlsx>: each view takes the query of the page it
// exports, so the file holds what that page shows. Pure: no Node imports.
import { z } from 'zod';
import { isoDate } from './common.ts';
import { agedBalanceQuery } from './aged-balance.ts';
import { invoiceFilters, WORKLIST_PAGE_ITEMS } from './dashboard.ts';
import { worklistQuery } from './risk.ts';
import { promisesQuery } from './promises.ts';

export const EXPORT_VIEWS = ['aged-balance', 'aging', 'worklist', 'ledger', 'promises'] as const;
export const exportView = z.enum(EXPORT_VIEWS, { message: `must be one of ${EXPORT_VIEWS.join(', ')}` });
export const exportFileFormat = z.enum(['csv', 'xlsx'], { message: "must be 'csv' or 'xlsx'" });

export const exportQueries = {
  'aged-balance': agedBalanceQuery,
  aging: invoiceFilters.omit({ bucket: true, customer_id: true }),
  worklist: worklistQuery.extend({ limit: worklistQuery.shape.limit.default(WORKLIST_PAGE_ITEMS) }),
  ledger: z.object({ customer_id: z.string().trim().min(1, 'is required').max(200), as_of: isoDate.optional() }),
  promises: promisesQuery
} satisfies Record<z.infer<typeof exportView>, z.ZodType>;

export type ExportView = z.infer<typeof exportView>;
