#!/usr/bin/env node
// `npm test`: type-check, lint and check the formatting (Prettier), build the dashboard (the browser tests run against the built app),
// run the whole vitest suite, and end with the plain `N passed, N failed` line that CI reads; a
// failed check or lint counts as one failure there (the suite still runs, so its count is whole).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', env });

let gateFailures = 0;
for (const script of ['check', 'lint', 'format:check']) {
  if (run('npm', ['run', '--silent', script]).status !== 0) {
    console.log(`npm run ${script} failed`);
    gateFailures++;
  }
}

if (existsSync('web/routes')) {
  const build = run('npx', ['vite', 'build', '--logLevel', 'warn']);
  if (build.status !== 0) {
    console.log('the dashboard did not build');
    console.log(`0 passed, ${1 + gateFailures} failed`);
    process.exit(1);
  }
}

mkdirSync('test-results', { recursive: true });
const report = join('test-results', 'vitest.json');
const extra = process.argv.slice(2);
const tests = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  // a test file that fails to load has no tests to count; count it as one failure
  failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
}
if (tests.status !== 0 && failed === 0) failed = 1;
failed += gateFailures;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
