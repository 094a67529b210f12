// GET /api/exports/<view>.<csv|xlsx>?<the page's query>: what the page shows, as a download whose
// name carries the as-of date and filters. Views: aged-balance, aging, worklist, ledger, promises.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { exportFileFormat, exportQueries, exportView } from '../contracts/exports.ts';
import { tableToCsv } from '../exports/csv.ts';
import { exportTable } from '../exports/views.ts';
import { tableToXlsx } from '../exports/xlsx.ts';
import type { Reader } from '../queries/reader.ts';
import { describeIssues } from '../validate.ts';
import { z } from 'zod';
import { doc } from '../openapi.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function exportRoutes(db: Reader) {
  return new Hono().get(
    '/:file',
    doc({
      summary:
        "What a page shows as a download: file is <view>.<format> (view: aged-balance, aging, worklist, ledger, promises; format: csv or xlsx), the query is the page's own; the file name carries the as-of date and filters",
      response: z.string(),
      params: z.object({ file: z.string() })
    }),
    async (c) => {
      const [, name, extension] = /^(.*)\.([a-z]+)$/.exec(c.req.param('file')) ?? [null, c.req.param('file'), ''];
      const view = exportView.safeParse(name);
      if (!view.success) throw new HTTPException(404, { message: `no export named ${name}: ${describeIssues(view.error)}` });
      const format = exportFileFormat.safeParse(extension);
      if (!format.success) throw new HTTPException(400, { message: `format: ${describeIssues(format.error)}` });
      const query = exportQueries[view.data].safeParse(c.req.query());
      if (!query.success) throw new HTTPException(400, { message: describeIssues(query.error) });
      const table = await exportTable(db, view.data, query.data as never);
      const fileName = `${table.fileName}.${format.data}`;
      c.header('Content-Disposition', `attachment; filename="${fileName}"`);
      if (format.data === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        return c.body(tableToCsv(table));
      }
      c.header('Content-Type', XLSX_TYPE);
      return c.body(new Uint8Array(await tableToXlsx(table)));
    }
  );
}
