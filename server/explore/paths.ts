// A path an Explore query may read: a file (or glob) inside the uploads folder, seen the way DuckDB
// will see it (relative to the working directory), with no `..`, no `~`, no URL and no symlink
// leading out.
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { SandboxError } from './errors.ts';

const GLOB = /[*?[{]/;

export function checkUploadPath(path: string, uploadsDir: string): void {
  const refuse = (why: string) =>
    new SandboxError(`path ${path}: ${why}; Explore reads files in the uploads folder only (GET /api/explore/sources lists them)`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) throw refuse('URLs and other schemes are not allowed');
  if (path.startsWith('~')) throw refuse('home-directory paths are not allowed');
  if (path.includes('\0')) throw refuse('bad character');
  if (path.split(/[\\/]/).includes('..')) throw refuse('`..` is not allowed');
  const root = realRoot(uploadsDir);
  const absolute = isAbsolute(path) ? resolve(path) : resolve(process.cwd(), path);
  if (!isInside(absolute, resolve(uploadsDir)) && !isInside(absolute, root)) throw refuse('outside the uploads folder');

  // the part before any wildcard must exist inside the uploads folder once symlinks are followed
  const fixed = GLOB.test(absolute) ? fixedPrefix(absolute) : absolute;
  const existing = nearestExisting(fixed);
  if (!isInside(realpathSync(existing), root) && realpathSync(existing) !== root) throw refuse('a link leads outside the uploads folder');
  if (GLOB.test(absolute) && hasSymlink(existing)) throw refuse('a wildcard over a folder that holds links');
}

function realRoot(uploadsDir: string): string {
  return existsSync(uploadsDir) ? realpathSync(uploadsDir) : resolve(uploadsDir);
}

function isInside(path: string, root: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function fixedPrefix(path: string): string {
  const parts = path.split(sep);
  const index = parts.findIndex((part) => GLOB.test(part));
  return parts.slice(0, index).join(sep) || sep;
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function hasSymlink(dir: string, depth = 0): boolean {
  if (depth > 8) return true;
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) return true;
  if (!stat.isDirectory()) return false;
  return readdirSync(dir).some((name) => hasSymlink(join(dir, name), depth + 1));
}
