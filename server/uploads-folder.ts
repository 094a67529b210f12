// Where uploaded files are kept (Explore can query them later), with names that cannot escape it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { config } from './config.ts';

export function uploadsDirFromEnv(): string {
  return config.uploadsDir;
}

/**
 * A file name as the user gave it, reduced to something safe to show and store: no directories
 * (../../etc/passwd → passwd), no control characters, no leading dots.
 */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last.replace(/[\u0000-\u001f\u007f]/g, '').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || 'upload';
}

/** A fresh folder per upload, so two uploads of `invoices.csv` never overwrite each other. */
export function newUploadFolder(root: string): string {
  const folder = join(root, `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(folder, { recursive: true });
  return folder;
}
