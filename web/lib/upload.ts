// Uploads with real progress: XMLHttpRequest reports the bytes sent (fetch cannot). The preview
// (POST /api/uploads/preview) and the commit (POST /api/uploads) send the same fields, so what is
// committed is what was previewed. Loads and undo are plain JSON calls through api.ts.
import type { IngestReport } from '../../server/contracts/uploads.ts';
import type { UploadPreview } from '../../server/contracts/loads.ts';

export type { UploadPreview, LoadRow, ShapeField } from '../../server/contracts/loads.ts';

/** What the user chose on the page; empty values are left out (the server detects them). */
export interface UploadChoices {
  as?: string;
  date_format?: string;
  replace?: boolean;
  /** canonical column → source header, only the columns the user set */
  mapping?: Record<string, string>;
}

type Progress = (sent: number, total: number) => void;

function formOf(files: File[], choices: UploadChoices): FormData {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  if (choices.as) form.append('as', choices.as);
  if (choices.date_format) form.append('date_format', choices.date_format);
  if (choices.replace) form.append('replace', 'true');
  if (choices.mapping && Object.keys(choices.mapping).length) form.append('mapping', JSON.stringify(choices.mapping));
  return form;
}

/** POST a form with progress; resolves with the status and the JSON body, whatever the status. */
function post<T>(path: string, form: FormData, onProgress?: Progress): Promise<{ status: number; body: T & { error?: string } }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total);
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
      } catch {
        reject(new Error(`HTTP ${xhr.status}: the server did not answer JSON`));
      }
    };
    xhr.onerror = () => reject(new Error('the upload failed (network)'));
    xhr.send(form);
  });
}

export async function uploadFiles(files: File[], choices: UploadChoices, onProgress: Progress): Promise<IngestReport & { status: number }> {
  const { status, body } = await post<IngestReport>('/api/uploads', formOf(files, choices), onProgress);
  if (status >= 500 || (!body.loaded && body.error)) throw new Error(body.error ?? `HTTP ${status}`);
  return { loaded: body.loaded ?? {}, rejected: body.rejected ?? [], error: body.error, status };
}

export async function previewFile(file: File, choices: UploadChoices, onProgress?: Progress): Promise<UploadPreview> {
  const { status, body } = await post<UploadPreview>('/api/uploads/preview', formOf([file], choices), onProgress);
  if (status !== 200) throw new Error(body.error ?? `HTTP ${status}`);
  return body;
}

/** The reject report as CSV; cells that a spreadsheet would run as formulas are quoted with '. */
export function rejectsCsv(rows: { file: string; row: number | null; column: string | null; reason: string }[]): string {
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  };
  return ['file,row,column,reason', ...rows.map((r) => [r.file, r.row, r.column, r.reason].map(cell).join(','))].join('\n');
}
