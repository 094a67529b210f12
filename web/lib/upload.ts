// POST /api/uploads with real progress: XMLHttpRequest reports the bytes sent (fetch cannot).
// Kept beside api.ts and going through the same path, so auth headers are added in one place.
import type { IngestReport } from '../../server/contracts/uploads.ts';

export function uploadFiles(files: File[], fields: Record<string, string>, onProgress: (sent: number, total: number) => void): Promise<IngestReport & { status: number }> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  for (const [key, value] of Object.entries(fields)) if (value) form.append(key, value);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total);
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as IngestReport & { error?: string };
        if (xhr.status >= 500 || (!body.loaded && body.error)) reject(new Error(body.error ?? `HTTP ${xhr.status}`));
        else resolve({ loaded: body.loaded ?? {}, rejected: body.rejected ?? [], error: body.error, status: xhr.status });
      } catch {
        reject(new Error(`HTTP ${xhr.status}: the server did not answer JSON`));
      }
    };
    xhr.onerror = () => reject(new Error('the upload failed (network)'));
    xhr.send(form);
  });
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
