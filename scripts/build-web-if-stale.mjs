#!/usr/bin/env node
// `npm start` builds the dashboard only when build/ is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

if (!existsSync('web/routes')) process.exit(0);
const sources = Math.max(newest('web'), newest('server/contracts'), newest('svelte.config.js'), newest('vite.config.ts'));
const built = existsSync('build/index.html') ? statSync('build/index.html').mtimeMs : 0;
if (built >= sources) process.exit(0);
console.error('building the dashboard ...');
const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
