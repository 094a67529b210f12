// The Explore sandbox under attack: every escape attempt answers 400 with a reason and changes
// nothing; legitimate queries over the models and an uploaded file answer Arrow IPC. The first
// wall (server/explore/guard.ts) is tested alone here, without DuckDB's own lockdown; the last
// block shows the second wall (server/security.ts) refusing the same files on its own.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import { neutraliseCell } from '../../server/explore/export.ts';
import { allowedDirectories, lockDownFileAccess } from '../../server/security.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { TWO_CUSTOMERS } from '../helpers/two-customers.ts';

let db: Database;
let app: ReturnType<typeof createApp>;
let dir: string;
let uploads: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-sandbox-'));
  uploads = join(dir, 'uploads');
  mkdirSync(join(uploads, '2026-01-01-abc'), { recursive: true });
  writeFileSync(join(uploads, '2026-01-01-abc', 'extra.csv'), 'customer_id,note\nC1,"=HYPERLINK(""http://evil"",""x"")"\nC2,fine\n');
  writeFileSync(join(dir, 'secret.csv'), 'secret\nhunter2\n');
  symlinkSync(join(dir, 'secret.csv'), join(uploads, 'link.csv'));
  db = await ledgerDatabase({
    ...TWO_CUSTOMERS,
    // a negative amount, to see its sign survive Arrow
    invoices: [TWO_CUSTOMERS.invoices[0], { ...TWO_CUSTOMERS.invoices[1], amount: '-300.50' }]
  });
  await db.write((c) =>
    c.run("create table users (username varchar, password_hash varchar); insert into users values ('admin', 'scrypt$x')")
  );
  app = createApp({ db, uploadsDir: uploads, auth: 'disabled' });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = (sql: string, extra: Record<string, unknown> = {}) =>
  app.request('/api/explore/query', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sql, ...extra })
  });

async function refused(sql: string): Promise<string> {
  const response = await query(sql);
  const body = (await response.json()) as { error: string };
  expect(response.status, `${sql} → ${body.error}`).toBe(400);
  expect(body.error).toBeTruthy();
  return body.error;
}

async function invoiceCount(): Promise<number> {
  const [{ n }] = await db.read<{ n: string }>('select count(*) as n from invoices');
  return Number(n);
}

describe('legitimate queries', () => {
  it('answers a model query as an Arrow IPC stream with row count and truncation headers', async () => {
    const response = await query(
      'select invoice_id, customer_id, amount, invoice_date, amount > 0 as positive from stg_invoices order by invoice_id'
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(response.headers.get('x-row-count')).toBe('2');
    expect(response.headers.get('x-truncated')).toBe('false');
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    expect(table.numRows).toBe(2);
    const rows = table.toArray().map((r) => r.toJSON());
    expect(rows[0].invoice_id).toBe('I1');
    expect(rows[1].amount).toBeCloseTo(-300.5);
    expect(rows[0].positive).toBe(true);
    expect(new Date(rows[0].invoice_date).toISOString().slice(0, 10)).toBe('2024-05-01');
    expect(table.schema.fields.find((f) => f.name === 'amount')?.metadata.get('duckdb_type')).toMatch(/DECIMAL/);
  });

  it('keeps BIGINT exact and sends nested values as JSON text', async () => {
    const response = await query("select 9007199254740993::bigint as big, [1, 2] as list, {'a': 1} as struct, null::varchar as nothing");
    const row = tableFromIPC(new Uint8Array(await response.arrayBuffer()))
      .get(0)!
      .toJSON();
    expect(row.big).toBe(9007199254740993n);
    expect(row.list).toBe('[1,2]');
    expect(row.nothing).toBeNull();
  });

  it('runs WITH, VALUES, FROM-first, PIVOT with an IN list and a mart macro', async () => {
    for (const sql of [
      'with t as (select 1 as x) select * from t',
      'values (1, 2), (3, 4)',
      'from stg_customers',
      "pivot stg_invoices on customer_id in ('C1', 'C2') using sum(amount)",
      "select * from aging(date '2024-06-30')",
      'select * from range(3)'
    ]) {
      const response = await query(sql);
      expect(response.status, `${sql}: ${response.status === 400 ? (await response.json()).error : ''}`).toBe(200);
    }
  });

  it('reads an uploaded file by the path /api/explore/sources gives', async () => {
    const sources = (await (await app.request('/api/explore/sources')).json()) as {
      models: { name: string; kind: string; columns: { name: string }[] }[];
      uploads: { file: string; query_path: string }[];
    };
    expect(sources.models.find((m) => m.name === 'stg_invoices')?.kind).toBe('view');
    expect(sources.models.some((m) => m.kind === 'mart')).toBe(true);
    expect(sources.models.some((m) => m.name === 'users')).toBe(false);
    const upload = sources.uploads.find((u) => u.file.endsWith('extra.csv'))!;
    const response = await query(`select * from read_csv('${upload.query_path}') join stg_customers using (customer_id)`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-row-count')).toBe('2');
  });

  it('cuts a huge result at max_rows and says so', async () => {
    const response = await query('select * from range(1000000)', { max_rows: 500 });
    expect(response.headers.get('x-row-count')).toBe('500');
    expect(response.headers.get('x-truncated')).toBe('true');
    expect(tableFromIPC(new Uint8Array(await response.arrayBuffer())).numRows).toBe(500);
    expect((await query('select 1', { max_rows: 100_001 })).status).toBe(400);
  });
});

describe('escape attempts', () => {
  it.each([
    ['a write', "insert into invoices (invoice_id) values ('X')"],
    ['an update', 'update invoices set amount = 0'],
    ['a delete', 'delete from invoices'],
    ['DDL', 'create table evil as select 1'],
    ['DROP', 'drop table invoices'],
    ['ATTACH', "attach '/tmp/evil.duckdb' as evil"],
    ['COPY TO', "copy invoices to '/tmp/evil.csv'"],
    ['COPY TO inside uploads', `copy invoices to '${'UPLOADS'}/evil.csv'`],
    ['EXPORT DATABASE', "export database '/tmp/evil'"],
    ['IMPORT DATABASE', "import database '/tmp/evil'"],
    ['INSTALL', 'install httpfs'],
    ['LOAD', 'load httpfs'],
    ['SET', 'set enable_external_access = true'],
    ['RESET', 'reset allowed_directories'],
    ['PRAGMA', 'pragma database_list'],
    ['CALL', 'call pragma_version()'],
    ['CHECKPOINT', 'checkpoint'],
    ['a transaction', 'begin transaction'],
    ['USE', 'use memory'],
    ['EXPLAIN ANALYZE', 'explain analyze select 1'],
    ['two statements', 'select 1; drop table invoices'],
    ['two statements behind a comment', 'select 1 /* ; */ ; delete from invoices -- '],
    ['a statement after a line comment', 'select 1 --\n; delete from invoices'],
    ['read_csv of /etc/passwd', "select * from read_csv('/etc/passwd')"],
    ['a replacement scan of /etc/passwd', "select * from '/etc/passwd'"],
    ['../ out of uploads', "select * from read_csv('UPLOADS/../secret.csv')"],
    ['a relative ../ path', "select * from read_csv('../../../../etc/passwd')"],
    ['a symlink out of uploads', "select * from read_csv('UPLOADS/link.csv')"],
    ['a glob over a folder with a link', "select * from read_csv('UPLOADS/*.csv')"],
    ['glob of the root', "select * from glob('/**')"],
    ['read_text of /proc', "select * from read_text('/proc/self/environ')"],
    ['read_blob of the database', "select * from read_blob('/work/main/data/radar.duckdb')"],
    ['read_parquet from a list with one outside', "select * from read_parquet(['UPLOADS/a.parquet', '/etc/x.parquet'])"],
    ['a computed path', "select * from read_csv('/etc/' || 'passwd')"],
    ['a URL', "select * from read_csv('http://example.com/x.csv')"],
    ['a home path', "select * from read_csv('~/.ssh/id_rsa')"],
    ['parquet_metadata outside', "select * from parquet_metadata('/tmp/x.parquet')"],
    ['sniff_csv outside', "select * from sniff_csv('/etc/passwd')"],
    ['current_setting', "select current_setting('allowed_directories')"],
    ['getenv', "select getenv('HOME')"],
    ['duckdb_settings()', 'select * from duckdb_settings()'],
    ['duckdb_secrets()', 'select * from duckdb_secrets()'],
    ['duckdb_databases()', 'select * from duckdb_databases()'],
    ['a system view', 'select * from duckdb_tables'],
    ['information_schema', 'select * from information_schema.tables'],
    ['the users table', 'select * from users'],
    ['the users table qualified', 'select * from main.users'],
    ['the users table in a subquery', 'select (select max(password_hash) from users)'],
    ['a CTE shadowing users out of scope', 'select * from (with users as (select 1) select * from users), users'],
    ['query_table', "select * from query_table('users')"],
    ['query()', "select * from query('select * from users')"],
    ['nextval', "select nextval('load_id_seq')"],
    ['json_execute_serialized_sql', "select * from json_execute_serialized_sql(json_serialize_sql('select 1'))"],
    ['another catalog', 'select * from system.main.duckdb_settings'],
    ['an unknown table function', 'select * from checkpoint()']
  ])('refuses %s', async (_, sql) => {
    const before = await invoiceCount();
    await refused(sql.replaceAll('UPLOADS', uploads));
    expect(await invoiceCount()).toBe(before);
  });

  it('stops a long cross join at the time limit', async () => {
    process.env.RADAR_QUERY_TIMEOUT_MS = '1000';
    try {
      const started = Date.now();
      const error = await refused('select count(*) from range(100000000) a, range(100000000) b');
      expect(error).toMatch(/longer than 1 s/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      delete process.env.RADAR_QUERY_TIMEOUT_MS;
    }
  });

  it('answers DuckDB own message for a query that does not parse or bind', async () => {
    expect(await refused('select from where')).toMatch(/syntax error/i);
    expect(await refused('select nope from stg_invoices')).toMatch(/nope/);
  });
});

describe('exports', () => {
  it('neutralises formula injection in CSV text cells and keeps numbers', async () => {
    const upload = join(uploads, '2026-01-01-abc', 'extra.csv');
    const response = await app.request('/api/explore/export?format=csv', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sql: `select note, -5.25::decimal(10,2) as amount, '+1' as plus, '@SUM(A1)' as at, '\tx' as tab from read_csv('${upload}') order by customer_id`
      })
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="explore-.*\.csv"/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('note,amount,plus,at,tab');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"",""x"")",-5.25,"'+1","'@SUM(A1)","'\tx"`);
    for (const cell of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutraliseCell(cell)).toBe(`'${cell}`);
    expect(neutraliseCell('plain')).toBe('plain');
  });

  it('writes Parquet of a checked query and refuses an unchecked one', async () => {
    const response = await app.request('/api/explore/export?format=parquet', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'select * from stg_invoices' })
    });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('PAR1');
    const evil = await app.request('/api/explore/export?format=parquet', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql: "select * from read_csv('/etc/passwd')" })
    });
    expect(evil.status).toBe(400);
  });
});

describe('the second wall: DuckDB allowed_directories', () => {
  it('refuses files outside the allowed folders even to a query that skipped the guard', async () => {
    const locked = await ledgerDatabase({});
    try {
      await lockDownFileAccess(locked, allowedDirectories(uploads, join(dir, 'tmp')));
      const read = (sql: string) =>
        locked.read(sql).then(
          () => 'read',
          (e: Error) => e.message
        );
      expect(await read(`select * from read_csv('${join(dir, 'secret.csv')}')`)).toMatch(/Permission Error/);
      expect(await read(`select * from read_csv('${uploads}/../secret.csv')`)).toMatch(/Permission Error/);
      expect(await read("select * from read_text('/etc/passwd')")).toMatch(/Permission Error/);
      expect(await read(`select * from read_csv('${join(uploads, '2026-01-01-abc', 'extra.csv')}')`)).toBe('read');
      expect(await read('set enable_external_access = true')).toMatch(/locked|Cannot change/i);
      expect(await read("set allowed_directories = ['/']")).toMatch(/locked|Cannot change/i);
    } finally {
      locked.close();
    }
  });
});
