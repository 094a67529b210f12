// npx tsx bench/forecast-same.ts (--db PATH | --ibm) --dates D1,D2,... [--weeks 13] [--reference REV]
// The whole forecast report (every open invoice's balance, due date, three pay dates and late
// probability; every week's expected cash and interval, as the API gives them) of this tree's
// models against REV's (main by default) on one database at several dates: how many invoices and
// weeks differ, with examples. --db reads a database whose core tables are up to date (build them
// first, e.g. with bench/forecast-perf.ts); --ibm builds the IBM sample in memory.
import { parseArgs } from 'node:util';
import { Database } from '../server/db.ts';
import { applyReadModels } from '../server/models.ts';
import { weeksAndInvoices } from '../server/queries/forecast.ts';
import { reportingCurrency } from '../server/queries/reader.ts';
import { ibmSampleDatabase } from '../support/databases.ts';
import { differences } from './forecast-diff.ts';
import { defineReferenceModels } from './reference-models.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    ibm: { type: 'boolean', default: false },
    dates: { type: 'string' },
    weeks: { type: 'string', default: '13' },
    reference: { type: 'string', default: 'main' }
  }
});
const dates = (values.dates ?? '').split(',').filter(Boolean);
if (dates.length === 0 || dates.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d))) throw new Error('--dates: expected YYYY-MM-DD,...');
if (!values.db === !values.ibm) throw new Error('give --db PATH or --ibm');
const db = values.ibm ? await ibmSampleDatabase() : await Database.open(values.db!);
await db.write(async (connection) => {
  await applyReadModels(connection);
  await defineReferenceModels(connection, values.reference);
});
const currency = await reportingCurrency(db, undefined);
for (const asOf of dates) {
  const now = await weeksAndInvoices(db, asOf, Number(values.weeks), currency);
  const old = await weeksAndInvoices(db, asOf, Number(values.weeks), currency, '_ref');
  const diff = differences(old, now);
  process.stdout.write(
    JSON.stringify({
      as_of: asOf,
      reference: values.reference,
      open_invoices: now[1].length,
      weeks: now[0].length,
      invoices_differing: diff.invoices,
      weeks_differing: diff.weeks,
      examples: diff.examples
    }) + '\n'
  );
}
db.close();
