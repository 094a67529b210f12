#!/usr/bin/env node
// `npm start` builds the dashboard only when build/ is missing or older than its sources. Test files
// that run at once call this together: one builds while the others wait for it (a lock folder), so
// no page is served from a half-written build/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LOCK = 'build.lock';
// a lock older than this was left by a build that died: taken over
const STALE_LOCK_MS = 15 * 60 * 1000;

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function isStale() {
  const sources = Math.max(newest('web'), newest('server/contracts'), newest('svelte.config.js'), newest('vite.config.ts'));
  const built = existsSync('build/index.html') ? statSync('build/index.html').mtimeMs : 0;
  return built < sources;
}

function takeLock() {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
}

if (!existsSync('web/routes') || !isStale()) process.exit(0);
takeLock();
let status = 0;
try {
  // another process may have built it while this one waited
  if (isStale()) {
    console.error('building the dashboard ...');
    status = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).status ?? 1;
  }
} finally {
  rmSync(LOCK, { recursive: true, force: true });
}
process.exit(status);
