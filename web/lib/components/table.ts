// A DataTable column: which field, its header, alignment and how a value is shown.
export interface Column<R> {
  key: keyof R & string;
  label: string;
  align?: 'left' | 'right';
  format?: (value: R[keyof R], row: R) => string;
  sortable?: boolean;
}
