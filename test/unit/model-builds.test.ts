// What a start does with a database built by another version of sql/: a change to what the core
// tables are built from (staging, core, seeds) rebuilds them; a change to the macros and marts alone
// (a report's SQL) defines those again and keeps the core tables, which at 10 M invoices take minutes
// to rebuild.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { currentModelsFingerprint, ensureModels } from '../../server/models.ts';

let dir: string;
let db: Database;
const builds = () =>
  db.read<{ sql_fingerprint: string; read_fingerprint: string; built_at: string }>(
    'select sql_fingerprint, read_fingerprint, built_at::varchar as built_at from model_builds'
  );
const fresh = async () => {
  db.forgetAnswers();
  return builds();
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'model-builds-'));
  db = await Database.open(join(dir, 'radar.duckdb'));
  await db.write(async (connection) => {
    await ensureModels(connection);
    await connection.run("insert into loads values (1, current_timestamp, 'invoices', 'test', 'invoices', 0, false, null)");
    await connection.run(
      "insert into invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, load_id, source_file, source_row) values ('INV1', 'C1', '2026-01-10', '2026-02-09', 100.00, 'USD', 1, 'i.csv', 2)"
    );
  });
  expect(await db.write((connection) => ensureModels(connection))).toEqual({ rebuilt: true });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a start on a database built before', () => {
  it('changes nothing when the SQL and the data are as they were built', async () => {
    const [before] = await fresh();
    expect(await db.write((connection) => ensureModels(connection))).toEqual({ rebuilt: false });
    expect(await fresh()).toEqual([before]);
  });

  it('defines the marts again without a rebuild when only they changed', async () => {
    const [before] = await fresh();
    // as a version whose kpis mart differed left it: another fingerprint of the marts, and its macro gone
    await db.write(async (connection) => {
      await connection.run("update model_builds set read_fingerprint = 'another-version'");
      await connection.run('drop macro table kpis');
    });
    expect(await db.write((connection) => ensureModels(connection))).toEqual({ rebuilt: false });
    const [after] = await fresh();
    expect(after).toEqual(before);
    // the core tables as they were, the mart back: AR at 2026-01-31 is the open invoice's 100.00
    const [kpis] = await db.read<{ ar: string }>("select ar::varchar as ar from kpis('2026-01-31'::date, '2026-01-31'::date, 'range', 30)");
    expect(Number(kpis!.ar)).toBe(100);
  });

  it('rebuilds when what the core tables are built from changed', async () => {
    await db.write((connection) => connection.run("update model_builds set sql_fingerprint = 'another-version'"));
    expect(await db.write((connection) => ensureModels(connection))).toEqual({ rebuilt: true });
    const [after] = await fresh();
    expect(after!.sql_fingerprint).toBe(currentModelsFingerprint());
  });

  it('defines the marts of a database built before their fingerprint was recorded, without a rebuild', async () => {
    await db.write(async (connection) => {
      await connection.run('update model_builds set read_fingerprint = null');
      await connection.run('drop macro table aging');
    });
    expect(await db.write((connection) => ensureModels(connection))).toEqual({ rebuilt: false });
    const lines = await db.read("select * from aging('2026-01-31'::date)");
    expect(lines.length).toBeGreaterThan(0);
    expect((await fresh())[0]!.read_fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});
