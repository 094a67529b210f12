// The Explore sandbox's API (/api/explore): sources, a read-only query answered as Arrow IPC, and
// exports. Results are decoded with apache-arrow; cells become display text here, nothing is computed.
import { tableFromIPC, type Table } from 'apache-arrow';
import { ApiError, request, type Fetch } from './api.ts';
import type { ExploreSources } from '../../server/contracts/explore.ts';

export type { ExploreSources };

export interface QueryResult {
  table: Table;
  columns: { name: string; type: string; numeric: boolean }[];
  rowCount: number;
  truncated: boolean;
  milliseconds: number;
}

export const DEFAULT_MAX_ROWS = 10_000;

export function exploreSources(fetcher: Fetch = fetch): Promise<ExploreSources> {
  return request<ExploreSources>(fetcher, '/explore/sources');
}

async function errorOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? ((await response.json().catch(() => ({}))) as { error?: string }) : {};
  return new ApiError(response.status, body.error ?? `${response.status} ${response.statusText}`);
}

function post(path: string, body: unknown, fetcher: Fetch): Promise<Response> {
  return fetcher(`/api/explore/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  });
}

/** Runs a query; a refused or failing one throws an ApiError carrying DuckDB's (or the sandbox's) message. */
export async function runQuery(sql: string, maxRows = DEFAULT_MAX_ROWS, fetcher: Fetch = fetch): Promise<QueryResult> {
  const started = performance.now();
  const response = await post('query', { sql, max_rows: maxRows }, fetcher);
  if (!response.ok) throw await errorOf(response);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('arrow')) throw new ApiError(404, 'no such endpoint: /explore/query (the sandbox is not on this server yet)');
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
  const columns = table.schema.fields.map((field) => ({
    name: field.name,
    type: String(field.type),
    numeric: isNumeric(String(field.type))
  }));
  const header = Number(response.headers.get('x-row-count'));
  return {
    table,
    columns,
    rowCount: Number.isFinite(header) && response.headers.has('x-row-count') ? header : table.numRows,
    truncated: response.headers.get('x-truncated') === 'true',
    milliseconds: performance.now() - started
  };
}

/** Downloads the query's whole result as CSV or Parquet (the browser saves the file). */
export async function exportQuery(sql: string, format: 'csv' | 'parquet', fetcher: Fetch = fetch): Promise<void> {
  const response = await post(`export?format=${format}`, { sql }, fetcher);
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `query.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function isNumeric(arrowType: string): boolean {
  return /^(u?int|float|decimal|double)/i.test(arrowType);
}

/** A cell as text: bigints and decimals exactly, dates as YYYY-MM-DD, nulls as empty. */
export function cellText(value: unknown, arrowType = ''): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date)
    return value
      .toISOString()
      .slice(0, /^Date/.test(arrowType) ? 10 : 19)
      .replace('T', ' ');
  if (typeof value === 'number' && /^Date/.test(arrowType)) return new Date(value).toISOString().slice(0, 10);
  if (typeof value === 'number' && /^Timestamp/.test(arrowType)) return new Date(value).toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') return String(value);
  return String(value);
}

/** A cell as a number for a chart (null when it is not one). */
export function cellNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : Number(String(value));
  return Number.isFinite(number) ? number : null;
}

/** The first SQL to offer for a source: its first 100 rows. */
export function starterSql(source: { model: string } | { query_path: string }): string {
  if ('model' in source) return `select *\nfrom ${source.model}\nlimit 100`;
  const path = source.query_path.replace(/'/g, "''");
  const reader = /\.parquet$/i.test(source.query_path) ? 'read_parquet' : 'read_csv';
  return /^\s*(read_|select|\()/i.test(source.query_path)
    ? `select *\nfrom ${source.query_path}\nlimit 100`
    : `select *\nfrom ${reader}('${path}')\nlimit 100`;
}
