// server/config.ts is the one list of environment variables; README.md's table shows each of them
// with its default and description, and nothing else. Both directions are checked, so a variable
// added to config without its README line (or a README line left behind) fails here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VARIABLES, readConfig } from '../../server/config.ts';

const readmeRows = readFileSync('README.md', 'utf8')
  .split('\n')
  .filter((line) => /^\| `[A-Z][A-Z0-9_]*` \|/.test(line));
const configRows = Object.values(VARIABLES).map((v) => `| \`${v.name}\` | ${v.default} | ${v.description} |`);

describe('server/config.ts and the README', () => {
  it('documents every variable of config in the README table, with the same default and line', () => {
    expect(
      configRows.filter((row) => !readmeRows.includes(row)),
      'rows to add to README.md'
    ).toEqual([]);
  });

  it('lists in config every variable the README documents', () => {
    expect(
      readmeRows.filter((row) => !configRows.includes(row)),
      'README rows config does not have'
    ).toEqual([]);
  });

  it('is the only reader of process.env in server/ and data/', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const readers = [...files('server'), ...files('data')]
      .filter((file) => /\.(ts|mjs|js)$/.test(file) && file !== join('server', 'config.ts'))
      // security.ts sets TMPDIR for os.tmpdir() and threadpool.ts sizes libuv's pool: writes, not settings
      .filter((file) => /process\.env\.(?!TMPDIR = |UV_THREADPOOL_SIZE \?\?= )|process\.env\[/.test(readFileSync(file, 'utf8')));
    expect(readers).toEqual([]);
  });
});

describe('reading the variables', () => {
  it('falls back to the default on unset, empty or unreadable values', () => {
    const config = readConfig({ PORT: '', RADAR_READ_CONNECTIONS: 'many', RADAR_QUERY_TIMEOUT_MS: '-5', RADAR_UPLOAD_LIMIT: 'lots' });
    expect(config.port).toBe(8080);
    expect(config.readConnections).toBe(4);
    expect(config.queryTimeoutMs).toBe(10_000);
    expect(config.uploadLimit).toBe(1024 ** 3);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dbPath).toBe('data/radar.duckdb');
    expect(config.secureCookies).toBe(false);
    expect(config.apiToken).toBeUndefined();
  });

  it('reads the values given', () => {
    const config = readConfig({
      PORT: '0',
      RADAR_READ_CONNECTIONS: '2',
      RADAR_UPLOAD_LIMIT: '1.5k',
      RADAR_SECURE_COOKIES: '1',
      RADAR_SESSION_HOURS: '0.5'
    });
    expect(config.port).toBe(0); // any free port
    expect(config.readConnections).toBe(2);
    expect(config.uploadLimit).toBe(1536); // 1.5 × 1024
    expect(config.secureCookies).toBe(true);
    expect(config.sessionHours).toBe(0.5);
  });

  it('reads a variable when it is used, so a change between tests is seen', () => {
    const env: NodeJS.ProcessEnv = {};
    const config = readConfig(env);
    expect(config.readTimeoutMs).toBe(30_000);
    env.RADAR_READ_TIMEOUT_MS = '500';
    expect(config.readTimeoutMs).toBe(500);
  });
});
