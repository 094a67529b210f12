// npx tsx bench/forecast-compare.ts --db PATH [--as-of DATE] [--reference REV]
// The forecast model of this tree against REV's (main by default) on one database and date: how
// many open invoices' median, 10th and 90th percentile dates and late probabilities differ, and how
// many invoice-week shares, for this tree's model and for it without the tie rule of its quantiles
// (plain `running >= p * total`, docs/forecast.md "Choices measured"). The SQL is this tree's
// sql/ applied as read models (the core tables are used as they are: build them first, e.g. with
// bench/forecast-perf.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database, queryRows } from '../server/db.ts';
import { applyReadModels, SQL_DIR } from '../server/models.ts';
import { defineReferenceModels } from './reference-models.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, 'as-of': { type: 'string', default: '2026-11-22' }, reference: { type: 'string', default: 'main' } }
});
const asOf = values['as-of'];
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of: expected YYYY-MM-DD, got ${asOf}`);
const db = await Database.open(values.db!);
const connection = await db.connect();
await applyReadModels(connection);
await defineReferenceModels(connection, values.reference);
// the quantiles are found in forecast_points (two forms: spread over the customer's days, and ranked
// one by one); the untied copy of it is read by an untied copy of forecast_model
const tieRule = / > \((0\.\d) \+ 1e-9\) \* /g;
const points = readFileSync(join(SQL_DIR, 'marts', 'forecast_points.sql'), 'utf8');
if ((points.match(tieRule) ?? []).length < 6) throw new Error('forecast_points.sql: the tie rule of the three quantiles was not found');
await connection.run(points.replace(tieRule, ' >= $1 * ').replace('macro forecast_points(', 'macro forecast_points_untied('));
await connection.run(
  readFileSync(join(SQL_DIR, 'marts', 'forecast_model.sql'), 'utf8')
    .replace('macro forecast_model(', 'macro forecast_model_untied(')
    .replace(/\bforecast_points\(/g, 'forecast_points_untied(')
);
for (const model of ['forecast_model_ref', 'forecast_model_untied', 'forecast_model'])
  await connection.run(`create or replace temp table result_${model} as from ${model}('${asOf}'::date, 13)`);
for (const model of ['forecast_model', 'forecast_model_untied']) {
  const [row] = await queryRows(
    connection,
    `with a as (from result_${model}), b as (from result_forecast_model_ref),
     ai as (from a where week is null), bi as (from b where week is null)
     select
       (select count(*) from ai)::integer as invoices,
       (select count(*) from bi)::integer as invoices_reference,
       (select count(*) from ai join bi using (invoice_id) where ai.expected_pay_date is distinct from bi.expected_pay_date)::integer as median_differs,
       (select count(*) from ai join bi using (invoice_id) where ai.pay_date_low is distinct from bi.pay_date_low)::integer as low_differs,
       (select count(*) from ai join bi using (invoice_id) where ai.pay_date_high is distinct from bi.pay_date_high)::integer as high_differs,
       (select count(*) from ai join bi using (invoice_id) where abs(ai.late_probability - bi.late_probability) > 1e-9)::integer as late_differs,
       (select count(*) from a where week is not null)::integer as week_shares,
       (select count(*) from b where week is not null)::integer as week_shares_reference,
       (select count(*) from a join b using (invoice_id, week) where abs(a.share - b.share) > 1e-9)::integer as week_shares_differ`
  );
  process.stdout.write(JSON.stringify({ model, reference: values.reference, as_of: asOf, ...row }) + '\n');
}
connection.closeSync();
db.close();
