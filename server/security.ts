// Defences that are not about who you are: security headers with a CSP that fits the SvelteKit
// build, and DuckDB's own file-access lockdown (the Explore sandbox's second wall).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Database } from './db.ts';
import { SQL_DIR } from './models.ts';
import { config } from './config.ts';

/**
 * SHA-256 sources of the inline <script> blocks of the built index.html (SvelteKit's SPA bootstrap),
 * so the CSP allows exactly those and no other inline script.
 */
export function inlineScriptHashes(indexHtml: string): string[] {
  if (!existsSync(indexHtml)) return [];
  const html = readFileSync(indexHtml, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`
  );
}

export function securityHeaders(scriptHashes: string[] = []) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...scriptHashes],
      // Svelte transitions and ECharts set style attributes
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"]
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains'
  });
}

/** The folders the server process still reads files from once locked down. */
export function allowedDirectories(uploadsDir: string, tempDir: string): string[] {
  return [resolve(uploadsDir), join(SQL_DIR, 'seeds'), resolve(tempDir)];
}

/**
 * A temp folder of the server's own, made the process's TMPDIR: everything that writes a file for
 * DuckDB to read (the demo seed, the upload preview, Explore's Parquet export) uses os.tmpdir(), so
 * the lockdown can allow this one folder instead of the whole system temp folder.
 */
export function privateTempDir(): string {
  // named after the process, so a later start can tell a dead process's folder (clean-start.ts)
  const dir = mkdtempSync(join(tmpdir(), `radar-server-${process.pid}-`));
  process.env.TMPDIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * DuckDB refuses every file outside `directories` from now on, and no query can change settings
 * back (enable_external_access cannot be re-enabled; lock_configuration freezes the rest). Applied
 * after the demo seed, before the server listens. The CLI, run by whoever owns the files, is not locked.
 */
export async function lockDownFileAccess(db: Database, directories: string[]): Promise<void> {
  const list = directories.map((dir) => `'${resolve(dir).replace(/'/g, "''")}/'`).join(', ');
  await db.write(async (connection) => {
    await connection.run(`set allowed_directories = [${list}]`);
    await connection.run('set enable_external_access = false');
    await connection.run('set lock_configuration = true');
  });
}

/** RADAR_JSON_LIMIT: the largest body a JSON route reads (default 1 MB). */
export const JSON_BODY_LIMIT = config.jsonLimit;
/** Routes whose body is a multipart upload, bounded by RADAR_UPLOAD_LIMIT as it streams (server/multipart.ts). */
const MULTIPART_ROUTES = new Set(['/api/uploads', '/api/uploads/preview']);

/**
 * Every other request body is at most JSON_BODY_LIMIT, answered 413 before it is parsed (a declared
 * Content-Length at once, a chunked body as soon as it passes the limit), signed in or not: an
 * unauthenticated 300 MB sign-in body was read and parsed whole (issue 14 #6).
 */
export function jsonBodyLimit(maxSize = JSON_BODY_LIMIT): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: (c) => c.json({ error: `the request body is larger than ${maxSize} bytes, the limit of this route` }, 413)
  });
  return (c, next) => (MULTIPART_ROUTES.has(c.req.path.replace(/\/$/, '')) ? next() : limit(c, next));
}
