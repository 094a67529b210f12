// Each exportable page as a table: the same read the page makes, the columns the page shows.
import type { z } from 'zod';
import type { exportQueries, ExportView } from '../contracts/exports.ts';
import { agedBalance } from '../queries/aged-balance.ts';
import type { Reader } from '../queries/reader.ts';
import { worklist } from '../queries/worklist.ts';
import { bucketTotals } from '../queries/invoices.ts';
import { customerLedger } from '../queries/customer-ledger.ts';
import { promises } from '../queries/promises.ts';
import { exportFileName, type ExportColumn, type ExportTable } from './table.ts';

type Query<V extends ExportView> = z.infer<(typeof exportQueries)[V]>;

const text = (label: string): ExportColumn => ({ label, kind: 'text' });
const money = (label: string): ExportColumn => ({ label, kind: 'money' });
const number = (label: string): ExportColumn => ({ label, kind: 'number' });
const date = (label: string): ExportColumn => ({ label, kind: 'date' });

async function agedBalanceTable(db: Reader, query: Query<'aged-balance'>): Promise<ExportTable> {
  const report = await agedBalance(db, query);
  const { segment, collector, invoice_currency } = query;
  const sorted = query.sort === 'total' && query.dir === 'desc' ? {} : { sort: `${query.sort}-${query.dir}` };
  // the reporting currency is named when asked for: without it the figures are in the home currency
  return {
    fileName: exportFileName('aged-balance', report.as_of, {
      segment,
      collector,
      invoices: invoice_currency,
      ...sorted,
      in: query.currency
    }),
    sheet: `Aged balance ${report.as_of} ${report.currency}`,
    columns: [text('Customer'), text('Name'), ...report.columns.map(money), money('Total')],
    rows: [
      ...report.customers.map((c) => [c.customer_id, c.name, ...report.columns.map((column) => c.balances[column]), c.total]),
      [
        'Total',
        `${report.customers.length} customers`,
        ...report.columns.map((column) => report.totals.balances[column]),
        report.totals.total
      ]
    ]
  };
}

async function agingTable(db: Reader, query: Query<'aging'>): Promise<ExportTable> {
  const report = await bucketTotals(db, query);
  const { segment, collector, currency } = query;
  return {
    fileName: exportFileName('aging', report.as_of, { segment, collector, currency }),
    sheet: `Aging ${report.as_of}`,
    columns: [text('Bucket'), money('Balance'), number('Invoices'), number('Customers')],
    rows: [...report.buckets.map((b) => [b.bucket, b.balance, b.invoices, b.customers]), ['Total', report.total, null, null]]
  };
}

async function worklistTable(db: Reader, query: Query<'worklist'>): Promise<ExportTable> {
  const report = await worklist(db, query);
  return {
    fileName: exportFileName('worklist', report.as_of, { collector: query.collector }),
    sheet: `Worklist ${report.as_of}`,
    columns: [
      number('#'),
      text('Customer'),
      text('Name'),
      text('Collector'),
      money('Past due'),
      money('Open'),
      number('Oldest (days)'),
      number('Drift'),
      text('Next action'),
      date('Next action on'),
      text('Why')
    ],
    rows: report.items.map((item, index) => [
      index + 1,
      item.customer_id,
      item.name,
      item.collector,
      item.past_due_balance,
      item.open_balance,
      item.oldest_days_past_due,
      Math.round(item.drift_score),
      item.next_action,
      item.next_action_on,
      item.reasons.join('; ')
    ])
  };
}

async function ledgerTable(db: Reader, query: Query<'ledger'>): Promise<ExportTable> {
  const report = await customerLedger(db, query.customer_id, query.as_of);
  return {
    fileName: exportFileName('ledger', report.as_of, { customer: query.customer_id }),
    sheet: `${query.customer_id} ${report.as_of}`,
    columns: [
      text('Invoice'),
      date('Dated'),
      date('Due'),
      text('Currency'),
      money('Amount'),
      money('Balance'),
      number('Days past due'),
      text('Bucket'),
      text('Dispute')
    ],
    rows: report.invoices.map((i) => [
      i.invoice_id,
      i.invoice_date,
      i.due_date,
      i.currency,
      i.amount,
      i.balance,
      i.days_past_due,
      i.bucket,
      i.in_dispute ? 'yes' : ''
    ])
  };
}

async function promisesTable(db: Reader, query: Query<'promises'>): Promise<ExportTable> {
  const report = await promises(db, query);
  return {
    fileName: exportFileName('promises', report.as_of, {
      status: query.status,
      collector: query.collector,
      customer: query.customer_id,
      ...(query.window === 30 ? {} : { window: String(query.window) })
    }),
    sheet: `Promises ${report.as_of}`,
    columns: [
      date('Promised for'),
      text('Status'),
      text('Customer'),
      text('Name'),
      text('Collector'),
      money('Amount'),
      text('Currency'),
      text('Invoices'),
      date('Made on'),
      text('Channel'),
      text('By'),
      date('Kept on'),
      money('Paid')
    ],
    rows: report.promises.map((p) => [
      p.promised_date,
      p.status,
      p.customer_id,
      p.name,
      p.collector,
      p.promised_amount,
      p.currency,
      p.invoice_ids.join(', '),
      p.activity_date,
      p.channel,
      p.made_with,
      p.kept_on,
      p.paid_amount
    ])
  };
}

export async function exportTable<V extends ExportView>(db: Reader, view: V, query: Query<V>): Promise<ExportTable> {
  switch (view) {
    case 'aged-balance':
      return agedBalanceTable(db, query as Query<'aged-balance'>);
    case 'aging':
      return agingTable(db, query as Query<'aging'>);
    case 'worklist':
      return worklistTable(db, query as Query<'worklist'>);
    case 'ledger':
      return ledgerTable(db, query as Query<'ledger'>);
    case 'promises':
      return promisesTable(db, query as Query<'promises'>);
  }
  throw new Error(`no export for ${view satisfies never}`);
}
