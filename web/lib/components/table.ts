// A DataTable column: which field, its header, alignment, how a value is shown and where it links;
// and the props of a Table.
import type { Snippet } from 'svelte';

export interface Column<R> {
  key: keyof R & string;
  label: string;
  align?: 'left' | 'right';
  format?: (value: R[keyof R], row: R) => string;
  sortable?: boolean;
  /** the value links there (a customer's page, say) */
  href?: (row: R) => string;
}

/** What a Table draws: its items, one row snippet each (keyed), under a caption and a header. */
export interface TableProps<Item> {
  items: Item[];
  key: (item: Item) => string | number;
  caption: string;
  /** shown as a note above the table; otherwise for screen readers only */
  showCaption?: boolean;
  /** on a phone, each row a card of its own (shared.css .phone-cards) */
  phoneCards?: boolean;
  /** and each cell's data-label at the left of its value */
  labelCells?: boolean;
  testid?: string;
  /** the header row(s) */
  head: Snippet;
  /** the body row(s) of one item */
  row: Snippet<[Item]>;
}
