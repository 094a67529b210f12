// POST /api/uploads: multipart files plus an optional `as` field; answers the ingest JSON.
import { z } from 'zod';

export const shapeName = z.enum(
  ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'costs', 'fx_rates', 'ledger', 'settled'],
  {
    message: 'must be one of customers, invoices, payments, adjustments, activities, costs, fx_rates, ledger, settled'
  }
);

export const uploadFields = z.object({
  as: shapeName.optional(),
  replace: z.enum(['true', 'false']).optional(),
  date_format: z.enum(['ISO', 'MDY', 'DMY', 'YMD_NUMBER'], { message: 'must be ISO, MDY, DMY or YMD_NUMBER' }).optional(),
  /** JSON text: canonical column → source header, as the upload page's preview lets the user set it */
  mapping: z
    .string()
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) {
          return value as Record<string, string>;
        }
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of canonical column → source header' });
      return z.NEVER;
    })
    .optional()
});

export const rejection = z.object({
  file: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  reason: z.string()
});

export const ingestReport = z.object({
  loaded: z.record(z.string(), z.number().int()),
  rejected: z.array(rejection),
  error: z.string().optional()
});

export type UploadFields = z.infer<typeof uploadFields>;
export type Rejection = z.infer<typeof rejection>;
export type IngestReport = z.infer<typeof ingestReport>;
