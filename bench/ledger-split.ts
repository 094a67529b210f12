// Splits a generated ledger (data/generate.ts) at a date: `<table>.csv` holds what came before it
// (every customer and exchange rate), `week-<table>.csv` the invoices, payments, adjustments and
// activities from that date on (and those of later invoices), as a weekly export would bring them.
// Used by test/unit/refresh.test.ts and bench/refresh-append.ts.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const LEDGER_TABLES = ['customers', 'invoices', 'payments', 'adjustments', 'activities', 'fx_rates'] as const;
export const WEEK_TABLES = ['invoices', 'payments', 'adjustments', 'activities'] as const;

export async function splitLedger(from: string, to: string, cut: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const csv = (table: string) => `read_csv('${join(from, `${table}.csv`)}', header = true, all_varchar = true)`;
  const out = (name: string) => `'${join(to, name)}' (header, delimiter ',')`;
  await c.run(`create table history_invoices as select invoice_id from ${csv('invoices')} where invoice_date < '${cut}'`);
  const early: Record<string, string> = {
    customers: 'true',
    invoices: `invoice_date < '${cut}'`,
    payments: `payment_date < '${cut}' and invoice_id in (select invoice_id from history_invoices)`,
    adjustments: `adjustment_date < '${cut}' and invoice_id in (select invoice_id from history_invoices)`,
    activities: `activity_date < '${cut}' and (invoice_id is null or invoice_id in (select invoice_id from history_invoices))`,
    fx_rates: 'true'
  };
  for (const table of LEDGER_TABLES) {
    await c.run(`copy (select * from ${csv(table)} where ${early[table]}) to ${out(`${table}.csv`)}`);
    if ((WEEK_TABLES as readonly string[]).includes(table)) {
      await c.run(`copy (select * from ${csv(table)} where not (${early[table]})) to ${out(`week-${table}.csv`)}`);
    }
  }
  c.closeSync();
  instance.closeSync();
}
