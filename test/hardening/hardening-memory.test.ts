// A report that needs more memory than DuckDB's limit: DuckDB's "Out of Memory Error" answered 503
// in words saying what to change (server/memory-errors.ts), the CLI's exit 1 with the same line,
// and the server still answering once memory is there again. Before: a 500 "internal error".
// A database file with no temporary directory to spill to, under a limit of a megabyte: the drift
// score cannot fit, for certain.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import { config } from '../../server/config.ts';
import { outOfMemoryReason } from '../../server/memory-errors.ts';
import { openFixtureDb } from '../../support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'radar-memory-'));
let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await openFixtureDb(join(dir, 'radar.duckdb'), { invoices: 3000 });
  // checkpointed, the tables' blocks are on disk and may leave memory: only the report's work is held
  await db.write((c) => c.run("checkpoint; set temp_directory = ''"));
  app = createApp({ db, uploadsDir: dir, auth: 'disabled' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const setMemoryLimit = (limit: string) => db.write((c) => c.run(`set memory_limit = '${limit}'`));

describe('out of memory', () => {
  it("words DuckDB's error: the limit, DuckDB's own detail, what to change", async () => {
    const error = await db
      .write(async (c) => {
        await c.run("set memory_limit = '2MB'");
        try {
          await c.run('select count(*) from (select list(i) over (order by i desc) from range(200000) as t(i))');
        } finally {
          await c.run(`set memory_limit = '${config.memoryLimit}'`);
        }
      })
      .then(
        () => null,
        (e: unknown) => e
      );
    expect(String(error)).toMatch(/Out of Memory Error/);
    expect(outOfMemoryReason(error)).toMatch(
      new RegExp(
        `^the database needs more memory for this than its limit of ${config.memoryLimit.replace('.', '\\.')} allows \\(could not allocate block of size .+\\); nothing was changed: set RADAR_MEMORY_LIMIT higher`
      )
    );
    expect(outOfMemoryReason(new Error('Binder Error: column x not found'))).toBeUndefined();
    expect(outOfMemoryReason('Out of Memory Error: not an Error')).toBeUndefined();
  });

  it('a drift request past the limit answers 503 in those words; with memory again it answers 200', async () => {
    // a date the warm-up did not prepare, so the request computes
    const path = '/api/drift?as_of=2025-06-30';
    await setMemoryLimit('1MB');
    let starved: Response;
    try {
      starved = await app.request(path);
    } finally {
      await setMemoryLimit(config.memoryLimit);
    }
    expect(starved.status).toBe(503);
    expect((await starved.json()).error).toMatch(
      /^the database needs more memory for this than its limit of .+ set RADAR_MEMORY_LIMIT higher/
    );
    const fed = await app.request(path);
    expect(fed.status).toBe(200);
    expect((await fed.json()).customers.length).toBeGreaterThan(0);
  });

  it('the CLI under RADAR_MEMORY_LIMIT=1MB exits 1 with the same words on one line, nothing on stdout', () => {
    db.close(); // the CLI opens the file in a process of its own
    const result = spawnSync(
      'node_modules/.bin/tsx',
      ['server/cli.ts', 'drift', '--as-of', '2025-06-30', '--json', '--db', join(dir, 'radar.duckdb')],
      {
        encoding: 'utf8',
        env: { ...process.env, RADAR_MEMORY_LIMIT: '1MB', NO_COLOR: '1' }
      }
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error: the database needs more memory for this than its limit of 1MB allows \(.+\); nothing was changed: set RADAR_MEMORY_LIMIT higher.*\n$/
    );
  });
});
