// A core model that became a view (invoice_settlements, now a view of invoice_pay_dates) in a
// database built while it was a table: the rebuild replaces the old table, which `create or replace
// view` alone cannot do, and the customer's payments read the view. The other way too: a model that
// is a table now replaces a view of its name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';
import { ensureModels } from '../../server/models.ts';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'model-kinds-'));
  db = await Database.open(join(dir, 'radar.duckdb'));
  await db.write(async (connection) => {
    await ensureModels(connection);
    await connection.run("insert into loads values (1, current_timestamp, 'invoices', 'test', 'invoices', 0, false, null)");
    // INV1: 100.00, invoiced 2026-01-10, due 2026-02-09, paid 60.00 on 02-01 and 40.00 on 02-14
    await connection.run(
      "insert into invoices (invoice_id, customer_id, invoice_date, due_date, amount, currency, load_id, source_file, source_row) values ('INV1', 'C1', '2026-01-10', '2026-02-09', 100.00, 'USD', 1, 'i.csv', 2)"
    );
    await connection.run(`insert into payments (payment_id, invoice_id, customer_id, payment_date, amount, load_id, source_file, source_row)
      values ('P1', 'INV1', 'C1', '2026-02-01', 60.00, 1, 'p.csv', 2), ('P2', 'INV1', 'C1', '2026-02-14', 40.00, 1, 'p.csv', 3)`);
    // as an older version left it: invoice_settlements a table, ledger_invoices a view, models stale
    await connection.run('drop view invoice_settlements');
    await connection.run("create table invoice_settlements as select 'INV0' as invoice_id, 1 as paid_amount");
    await connection.run('drop table ledger_invoices');
    await connection.run('create view ledger_invoices as select 1 as x');
    await connection.run('delete from model_builds');
  });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a model whose kind changed', () => {
  it('is rebuilt as its kind now: the old table or view of its name replaced', async () => {
    expect(await db.write((connection) => ensureModels(connection))).toEqual({ rebuilt: true });
    const kinds = await db.read<{ name: string; kind: string }>(
      `select view_name as name, 'view' as kind from duckdb_views() where view_name in ('invoice_settlements', 'ledger_invoices')
       union all select table_name, 'table' from duckdb_tables() where table_name in ('invoice_settlements', 'ledger_invoices') order by name`
    );
    expect(kinds).toEqual([
      { name: 'invoice_settlements', kind: 'view' },
      { name: 'ledger_invoices', kind: 'table' }
    ]);
  });

  it("reads the settled date from invoice_pay_dates: the customer's payments", async () => {
    // balance 100.00 − 60.00 = 40.00 from 02-01, − 40.00 = 0 on 02-14: settled 02-14,
    // 35 days after the invoice date (21 in January + 14), 5 after the due date 02-09
    const rows = await db.read<Record<string, unknown>>(
      'select invoice_id, settled_on::varchar as settled_on, days_to_pay, days_late from customer_payments($1)',
      ['C1']
    );
    expect(rows).toEqual([{ invoice_id: 'INV1', settled_on: '2026-02-14', days_to_pay: 35, days_late: 5 }]);
  });
});
