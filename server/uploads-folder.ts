// Where uploaded files are kept (Explore can query them later), with names that cannot escape it.
// Each upload gets a folder of its own holding a marker until its load commits: `.pending` while
// it is received and loaded, then `.loads.json` (load id → file name) so an undo can take the
// load's file out of Explore, and a start can remove what a killed upload left.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from './config.ts';
import { asStorageRefusal } from './write-errors.ts';

const PENDING = '.pending';
const LOADS = '.loads.json';

export function uploadsDirFromEnv(): string {
  return config.uploadsDir;
}

/**
 * A file name as the user gave it, reduced to something safe to show and store: no directories
 * (../../etc/passwd → passwd), no control characters, no leading dots.
 */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'upload';
}

/** A fresh folder per upload, so two uploads of `invoices.csv` never overwrite each other. */
export function newUploadFolder(root: string): string {
  const folder = join(root, `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, PENDING), `${process.pid}\n`);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw asStorageRefusal(error, 'the uploads folder');
  }
  return folder;
}

/** The load committed: its files stay, and the folder says which load each file came in with. */
export function markCommitted(folder: string, loads: { load_id: number; file: string }[]): void {
  writeFileSync(join(folder, LOADS), JSON.stringify(Object.fromEntries(loads.map((l) => [l.load_id, l.file]))));
  rmSync(join(folder, PENDING), { force: true });
}

/** Upload folders, one level below the root. */
function uploadFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name));
}

/** Folders still marked `.pending`: an upload being received or loaded, or one a killed process left. */
export function isPending(folder: string): boolean {
  return existsSync(join(folder, PENDING));
}

/**
 * An undone load's file leaves the uploads folder (and so Explore); the folder goes once it holds
 * no file. Returns the paths removed.
 */
export function removeLoadFiles(root: string, loadId: number): string[] {
  const removed: string[] = [];
  for (const folder of uploadFolders(root)) {
    const markerPath = join(folder, LOADS);
    if (!existsSync(markerPath)) continue;
    const loads = JSON.parse(readFileSync(markerPath, 'utf8')) as Record<string, string>;
    const file = loads[String(loadId)];
    if (file === undefined) continue;
    delete loads[String(loadId)];
    // a file that came in with several loads (a ledger file fills three tables) stays while one is live
    if (!Object.values(loads).includes(file)) {
      rmSync(join(folder, safeFileName(file)), { force: true });
      removed.push(join(folder, safeFileName(file)));
    }
    if (Object.keys(loads).length === 0) rmSync(folder, { recursive: true, force: true });
    else writeFileSync(markerPath, JSON.stringify(loads));
  }
  return removed;
}

/**
 * At start, before anything is uploaded: the folders of uploads that never committed (the
 * process was killed while receiving or loading). Returns the folders removed.
 */
export function removeUncommitted(root: string, sizeOf: (path: string) => number = () => 0): { path: string; bytes: number }[] {
  return uploadFolders(root)
    .filter(isPending)
    .map((path) => {
      const bytes = sizeOf(path);
      rmSync(path, { recursive: true, force: true });
      return { path, bytes };
    });
}
