// Header normalisation and the small SQL-quoting helpers the module needs.

/** `Invoice Date`, `invoice_date`, `InvoiceDate`, `invoice-date`, `Invoice.Date` all become `invoicedate`. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** A SQL string literal. Only used for constants of this module (vocabularies), never for user text. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Staging column name of the i-th source column: user headers never enter SQL text. */
export function sourceColumn(index: number): string {
  return `c${index}`;
}
