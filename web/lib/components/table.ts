// A DataTable column: which field, its header, alignment, how a value is shown and where it links.
export interface Column<R> {
  key: keyof R & string;
  label: string;
  align?: 'left' | 'right';
  format?: (value: R[keyof R], row: R) => string;
  sortable?: boolean;
  /** the value links there (a customer's page, say) */
  href?: (row: R) => string;
}
