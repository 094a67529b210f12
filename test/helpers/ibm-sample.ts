// The IBM accounts-receivable sample (/work/shared/data/ibm-ar-sample.csv) as a ledger: each row an
// invoice, settled by one payment of the full amount on its SettledDate (M/D/YYYY dates).
import { Database } from '../../server/db.ts';
import { applySchema, refreshModels } from '../../server/models.ts';

import { IBM_SAMPLE } from './shared-data.ts';

export { IBM_SAMPLE };

export async function ibmSampleDatabase(): Promise<Database> {
  const db = await Database.open(':memory:');
  const source = `read_csv('${IBM_SAMPLE}', header = true, all_varchar = true)`;
  const date = (column: string) => `strptime(${column}, '%m/%d/%Y')::date`;
  await db.write(async (connection) => {
    await applySchema(connection);
    await connection.run("insert into loads values (1, current_timestamp, 'invoices', 'ibm-ar-sample.csv', 'settled', 0, false, null)");
    await connection.run(
      `insert into invoices (invoice_id, customer_id, invoice_date, due_date, amount, disputed, load_id, source_file, source_row)
       select invoiceNumber, customerID, ${date('InvoiceDate')}, ${date('DueDate')}, InvoiceAmount::decimal(18, 2), Disputed = 'Yes', 1, 'ibm-ar-sample.csv', 0
       from ${source}`
    );
    await connection.run(
      `insert into payments (payment_id, invoice_id, customer_id, payment_date, amount, load_id, source_file, source_row)
       select invoiceNumber || '-settled', invoiceNumber, customerID, ${date('SettledDate')}, InvoiceAmount::decimal(18, 2), 1, 'ibm-ar-sample.csv', 0
       from ${source}`
    );
    await refreshModels(connection);
  });
  return db;
}
