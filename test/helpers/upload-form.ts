// The multipart form of POST /api/uploads, as the upload page sends it, for the tests that load a
// file to see who may undo it: one invoices file `<name>.csv` holding one invoice, `<name>-1`.

/** `<name>-1` of `customer`, dated 2024-06-01, due 2024-07-01, of `amount`. */
export function oneInvoiceUpload(name: string, customer: string, amount: string): FormData {
  const form = new FormData();
  form.append(
    'files',
    new Blob([`invoice_id,customer_id,invoice_date,due_date,amount\n${name}-1,${customer},2024-06-01,2024-07-01,${amount}\n`]),
    `${name}.csv`
  );
  form.append('as', 'invoices');
  return form;
}
