// What each shape holds (fields, their value kind, which are required) and the header synonyms
// that find those fields in real exports. Both are data: detection and loading read them, and
// adding an export's column name means adding one string here, never a branch in code.
import type { Shape } from './types.ts';

export type ValueKind =
  | 'id'
  | 'text'
  | 'date'
  | 'amount'
  | 'boolean'
  | 'integer'
  | 'adjustment_kind'
  | 'entry_type'
  /** an ISO 4217 code, upper-cased (usd → USD) */
  | 'currency'
  /** an exchange rate: a decimal with up to 8 places */
  | 'rate';

export interface FieldSpec {
  kind: ValueKind;
  required?: boolean;
  /** key into HEADER_SYNONYMS; defaults to the field name */
  synonyms?: string;
}

const id = (required = true, synonyms?: string): FieldSpec => ({ kind: 'id', required, synonyms });
const text = (synonyms?: string): FieldSpec => ({ kind: 'text', synonyms });
const date = (required = true, synonyms?: string): FieldSpec => ({ kind: 'date', required, synonyms });
const amount = (required: boolean, synonyms: string): FieldSpec => ({ kind: 'amount', required, synonyms });
const currency = (required = false, synonyms?: string): FieldSpec => ({ kind: 'currency', required, synonyms });

const invoiceFields = {
  invoice_id: id(),
  customer_id: id(),
  invoice_date: date(),
  due_date: date(),
  amount: amount(true, 'invoice_amount'),
  currency: currency(),
  po_number: text(),
  disputed_on: date(false),
  dispute_resolved_on: date(false),
  disputed: { kind: 'boolean' },
  /** how the invoice was sent (paper, email, EDI, portal ...): free text, optional; read by the forecast */
  delivery_channel: text()
} satisfies Record<string, FieldSpec>;

/** Fields of every shape, in the order of the canonical table (metrics.md "Canonical data"). */
export const SHAPE_FIELDS: Record<Shape, Record<string, FieldSpec>> = {
  customers: {
    customer_id: id(),
    name: text('customer_name'),
    segment: text(),
    country: text(),
    currency: currency(),
    credit_limit: amount(false, 'credit_limit'),
    terms_days: { kind: 'integer' },
    collector: text()
  },
  invoices: invoiceFields,
  payments: {
    payment_id: id(),
    invoice_id: id(),
    customer_id: id(false),
    payment_date: date(),
    amount: amount(true, 'payment_amount'),
    method: text()
  },
  adjustments: {
    adjustment_id: id(),
    invoice_id: id(),
    adjustment_date: date(),
    amount: amount(true, 'adjustment_amount'),
    kind: { kind: 'adjustment_kind', required: true },
    reason: text()
  },
  activities: {
    activity_id: id(),
    customer_id: id(),
    activity_date: date(),
    channel: { kind: 'text', required: true },
    invoice_id: id(false),
    collector: text(),
    outcome: text(),
    promised_date: date(false),
    promised_amount: amount(false, 'promised_amount'),
    cost: amount(false, 'activity_cost'),
    note: text()
  },
  costs: {
    cost_date: date(),
    category: { kind: 'text', required: true },
    amount: amount(true, 'cost_amount'),
    note: text()
  },
  // The long shape; the ECB's wide files (one column per currency) become this shape (wide-rates.ts).
  // Without a base column the base is the home currency (RADAR_CURRENCY).
  fx_rates: {
    rate_date: date(true, 'rate_date'),
    currency: currency(true, 'rate_currency'),
    units_per_base: { kind: 'rate', required: true, synonyms: 'units_per_base' },
    base: currency(false, 'rate_base')
  },
  // One row per entry; customer_id and due_date are required on invoice rows only (checked per row).
  ledger: {
    entry_type: { kind: 'entry_type', required: true },
    entry_id: id(false),
    invoice_id: id(),
    customer_id: id(false),
    entry_date: date(),
    due_date: date(false),
    amount: amount(true, 'entry_amount'),
    currency: currency(),
    po_number: text(),
    method: text(),
    reason: text(),
    disputed: { kind: 'boolean' },
    delivery_channel: text()
  },
  settled: {
    ...invoiceFields,
    settled_date: date(false),
    amount_paid: amount(false, 'amount_paid')
  }
};

/**
 * The shape's signature: fields that must be present as columns for detection to pick the shape.
 * Usually the required fields; `settled` also needs its settled date column (values may be empty).
 */
export function signatureFields(shape: Shape): string[] {
  const required = Object.entries(SHAPE_FIELDS[shape])
    .filter(([, spec]) => spec.required)
    .map(([name]) => name);
  return shape === 'settled' ? [...required, 'settled_date'] : required;
}

/**
 * Header synonyms, most specific first (the first listed wins when a file has several).
 * Matching ignores case, spaces, underscores, hyphens and dots: `Invoice Date` = `invoice_date` = `InvoiceDate`.
 * Sources: SAP FBL5N/BSID field names (KUNNR, BELNR, BLDAT, BUDAT, FAEDT, AUGDT, WRBTR, DMBTR),
 * Oracle AR (TRX_NUMBER, TRX_DATE), NetSuite and QuickBooks exports (Num, Txn Date, Open Balance),
 * German SAP/DATEV headers (Kundennummer, Rechnungsdatum, Fälligkeitsdatum, Betrag), the IBM late-payment sample and the Kaggle "payment date prediction" set (cust_number, doc_id, clear_date).
 */
export const HEADER_SYNONYMS: Record<string, string[]> = {
  customer_id: [
    'customer_id',
    'cust_id',
    'cust_number',
    'cust_no',
    'cust_num',
    'customer_number',
    'customer_no',
    'customer_num',
    'customer_code',
    'customer_account',
    'customer_account_number',
    'account_number',
    'account_no',
    'account_id',
    'bill_to_customer_id',
    'bill_to_customer_number',
    'sold_to',
    'sold_to_party',
    'kunnr',
    'client_id',
    'debtor_id',
    'customer',
    'client',
    'debtor',
    'account',
    'kundennummer',
    'kunden_nr',
    'debitor',
    'kunde'
  ],
  customer_name: ['name', 'customer_name', 'company', 'company_name', 'account_name', 'client_name', 'debtor_name', 'name1'],
  segment: ['segment', 'customer_segment', 'customer_class', 'customer_type', 'class', 'industry'],
  country: ['country', 'country_code', 'land1'],
  currency: ['currency', 'currency_code', 'invoice_currency', 'document_currency', 'doc_currency', 'curr', 'ccy', 'waers'],
  credit_limit: ['credit_limit', 'credit_line', 'klimk'],
  terms_days: ['terms_days', 'payment_terms_days', 'net_days', 'payment_terms', 'credit_terms', 'terms'],
  collector: ['collector', 'collector_name', 'assigned_collector', 'account_owner', 'owner', 'sales_rep', 'rep'],

  invoice_id: [
    'invoice_id',
    'invoice_number',
    'invoice_no',
    'invoice_num',
    'inv_id',
    'inv_no',
    'inv_number',
    'inv_num',
    'trx_number',
    'bill_number',
    'bill_no',
    'document_number',
    'document_no',
    'doc_number',
    'doc_no',
    'document_id',
    'doc_id',
    'belnr',
    'rechnungsnummer',
    'rechnungs_nr',
    'belegnummer',
    'applied_to',
    'applied_invoice',
    'applied_to_invoice',
    'transaction_number',
    'ref_number',
    'num',
    'invoice'
  ],
  invoice_date: [
    'invoice_date',
    'inv_date',
    'invoice_dt',
    'document_date',
    'doc_date',
    'document_create_date',
    'bldat',
    'posting_date',
    'post_date',
    'budat',
    'bill_date',
    'billing_date',
    'issue_date',
    'date_issued',
    'issued_on',
    'trx_date',
    'transaction_date',
    'txn_date',
    'created_date',
    'create_date',
    'rechnungsdatum',
    'belegdatum',
    'buchungsdatum',
    'date'
  ],
  due_date: [
    'due_date',
    'net_due_date',
    'payment_due_date',
    'due_in_date',
    'due_on',
    'faedt',
    'netdt',
    'maturity_date',
    'fälligkeitsdatum',
    'faelligkeitsdatum',
    'nettofälligkeit',
    'fällig_am',
    'due'
  ],
  invoice_amount: [
    'invoice_amount',
    'inv_amount',
    'original_amount',
    'amount_original',
    'invoice_total',
    'total_amount',
    'gross_amount',
    'amount',
    'amount_due',
    'total_open_amount',
    'open_amount',
    'open_balance',
    'amount_in_doc_currency',
    'amount_in_local_currency',
    'wrbtr',
    'dmbtr',
    'rechnungsbetrag',
    'betrag',
    'total',
    'amt',
    'value',
    'balance'
  ],
  po_number: ['po_number', 'po_no', 'po', 'purchase_order', 'purchase_order_number', 'customer_po', 'bstkd'],
  disputed_on: ['disputed_on', 'dispute_date', 'disputed_date', 'date_disputed'],
  dispute_resolved_on: ['dispute_resolved_on', 'dispute_resolved_date', 'resolved_date', 'resolution_date', 'dispute_closed_date'],
  disputed: ['disputed', 'is_disputed', 'in_dispute', 'dispute_flag', 'dispute'],
  // how the invoice reached the customer: an ERP's delivery method or output (transmission) medium
  // (print, fax, EDI, e-mail, portal), the IBM sample's PaperlessBill (Paper / Electronic)
  delivery_channel: [
    'delivery_channel',
    'delivery_method',
    'invoice_delivery',
    'invoice_delivery_method',
    'send_method',
    'sent_via',
    'dispatch_method',
    'output_medium',
    'transmission_medium',
    'billing_channel',
    'bill_delivery',
    'paperless_bill'
  ],

  payment_id: [
    'payment_id',
    'payment_number',
    'payment_no',
    'pmt_id',
    'receipt_id',
    'receipt_number',
    'receipt_no',
    'cash_receipt_id',
    'check_number',
    'cheque_number',
    'remittance_id',
    'transaction_id'
  ],
  payment_date: [
    'payment_date',
    'paid_date',
    'date_paid',
    'receipt_date',
    'received_date',
    'deposit_date',
    'clear_date',
    'cleared_date',
    'value_date',
    'date'
  ],
  payment_amount: [
    'payment_amount',
    'amount_paid',
    'paid_amount',
    'amount_received',
    'received_amount',
    'receipt_amount',
    'applied_amount',
    'amount_applied',
    'amount',
    'amt',
    'total'
  ],
  method: ['method', 'payment_method', 'pay_method', 'payment_type', 'tender', 'instrument'],

  adjustment_id: [
    'adjustment_id',
    'adjustment_number',
    'adj_id',
    'credit_note_id',
    'credit_note_number',
    'credit_memo_id',
    'credit_memo_number',
    'memo_number',
    'write_off_id'
  ],
  adjustment_date: ['adjustment_date', 'adj_date', 'credit_date', 'credit_note_date', 'memo_date', 'write_off_date', 'date'],
  adjustment_amount: ['adjustment_amount', 'adj_amount', 'credit_amount', 'write_off_amount', 'amount', 'amt'],
  kind: ['kind', 'adjustment_type', 'adjustment_kind', 'adj_type', 'type'],
  reason: ['reason', 'reason_code', 'description', 'memo', 'comment'],

  activity_id: ['activity_id', 'activity_number', 'action_id', 'touch_id', 'interaction_id', 'note_id'],
  activity_date: ['activity_date', 'action_date', 'touch_date', 'contact_date', 'date'],
  channel: ['channel', 'activity_type', 'action_type', 'contact_method', 'medium', 'type'],
  outcome: ['outcome', 'result', 'disposition', 'status'],
  promised_date: ['promised_date', 'promise_date', 'ptp_date', 'promise_to_pay_date'],
  promised_amount: ['promised_amount', 'promise_amount', 'ptp_amount', 'promise_to_pay_amount'],
  activity_cost: ['cost', 'activity_cost', 'cost_amount'],
  note: ['note', 'notes', 'comment', 'comments', 'memo', 'description'],

  cost_date: ['cost_date', 'expense_date', 'posted_date', 'date'],
  category: ['category', 'cost_category', 'cost_type', 'expense_type', 'type'],
  cost_amount: ['amount', 'cost_amount', 'expense_amount', 'cost', 'amt', 'value'],

  rate_date: [
    'rate_date',
    'date',
    'fx_date',
    'exchange_rate_date',
    'valid_from',
    'time_period',
    'effective_date',
    'day',
    'datum',
    'kursdatum',
    'stichtag'
  ],
  rate_currency: [
    'currency',
    'currency_code',
    'quote_currency',
    'target_currency',
    'to_currency',
    'counter_currency',
    'ccy',
    'curr',
    'symbol',
    'code',
    'waehrung',
    'währung'
  ],
  units_per_base: ['units_per_base', 'rate', 'exchange_rate', 'fx_rate', 'obs_value', 'value', 'price', 'close', 'mid', 'kurs'],
  rate_base: ['base', 'base_currency', 'from_currency', 'source_currency'],

  entry_type: [
    'entry_type',
    'entry_kind',
    'transaction_type',
    'trans_type',
    'txn_type',
    'document_type',
    'doc_type',
    'record_type',
    'type'
  ],
  entry_id: [
    'entry_id',
    'entry_number',
    'document_number',
    'document_no',
    'doc_number',
    'doc_no',
    'transaction_id',
    'txn_id',
    'reference',
    'ref'
  ],
  entry_date: ['entry_date', 'transaction_date', 'txn_date', 'posting_date', 'document_date', 'doc_date', 'trx_date', 'date'],
  entry_amount: ['amount', 'entry_amount', 'transaction_amount', 'amt', 'value'],

  settled_date: [
    'settled_date',
    'settlement_date',
    'settled_on',
    'clear_date',
    'cleared_date',
    'clearing_date',
    'augdt',
    'paid_date',
    'date_paid',
    'paid_on',
    'payment_date',
    'pay_date',
    'closed_date',
    'close_date'
  ],
  amount_paid: ['amount_paid', 'paid_amount', 'payment_amount', 'settled_amount', 'amount_settled', 'amount_received', 'received_amount']
};
