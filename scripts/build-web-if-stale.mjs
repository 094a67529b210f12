#!/usr/bin/env node
// `npm start` builds the dashboard only when build/ is missing or older than its sources. Test files
// that run at once call this together: one builds while the others wait for it (a lock folder), so
// no page is served from a half-written build/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK = 'build.lock';
const OWNER = join(LOCK, 'pid');

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

function ownerIsGone() {
  const pid = Number(readFileSync(OWNER, { encoding: 'utf8', flag: 'r' }).trim());
  if (!pid) return false; // the owner has not written its pid yet
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

function takeLock() {
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(OWNER, String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    // a build stopped with Ctrl-C leaves its lock behind: taken over once its process is gone
    let gone;
    try {
      gone = ownerIsGone();
    } catch {
      // no pid yet: the lock was just made (look again), or its owner died before writing one
      const made = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      gone = made !== undefined && Date.now() - made > 10_000;
    }
    if (gone) rmSync(LOCK, { recursive: true, force: true });
    else {
      if (!told) console.error('waiting for the dashboard build of another process (build.lock) ...');
      told = true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
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
