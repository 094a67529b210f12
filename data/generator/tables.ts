// The knobs of the synthetic portfolio, as named data rather than literals in code.

export type Segment = 'Enterprise' | 'Mid-market' | 'SMB';

export interface SegmentProfile {
  share: number;
  /** Relative invoice volume of one customer of this segment. */
  volume: number;
  /** Median invoice amount in currency units, and log-space spread. */
  medianAmount: number;
  amountSigma: number;
  terms: readonly (readonly [number, number])[];
  /** Mean days late of the typical customer, and its spread across customers. */
  lateMean: number;
  lateSpread: number;
  /** Share of invoices that are never paid in full (bad debt). */
  badDebt: number;
  disputeRate: number;
  poRate: number;
  methods: readonly (readonly [string, number])[];
}

export const SEGMENTS: Record<Segment, SegmentProfile> = {
  Enterprise: {
    share: 0.1,
    volume: 3.2,
    medianAmount: 24_000,
    amountSigma: 0.9,
    terms: [
      [30, 1],
      [45, 3],
      [60, 4]
    ],
    lateMean: 9,
    lateSpread: 7,
    badDebt: 0.003,
    disputeRate: 0.045,
    poRate: 0.95,
    methods: [
      ['wire', 5],
      ['ach', 4],
      ['check', 1]
    ]
  },
  'Mid-market': {
    share: 0.3,
    volume: 1.5,
    medianAmount: 5_500,
    amountSigma: 0.85,
    terms: [
      [15, 1],
      [30, 5],
      [45, 3],
      [60, 1]
    ],
    lateMean: 5,
    lateSpread: 9,
    badDebt: 0.01,
    disputeRate: 0.025,
    poRate: 0.6,
    methods: [
      ['ach', 6],
      ['wire', 2],
      ['check', 2],
      ['card', 1]
    ]
  },
  SMB: {
    share: 0.6,
    volume: 0.7,
    medianAmount: 1_100,
    amountSigma: 0.8,
    terms: [
      [15, 4],
      [30, 6],
      [45, 1]
    ],
    lateMean: 4,
    lateSpread: 12,
    badDebt: 0.022,
    disputeRate: 0.015,
    poRate: 0.1,
    methods: [
      ['card', 4],
      ['ach', 4],
      ['check', 3]
    ]
  }
};

export const SEGMENT_ORDER: readonly Segment[] = ['Enterprise', 'Mid-market', 'SMB'];

/** country, currency, weight, company-name suffixes */
export const COUNTRIES: readonly (readonly [string, string, number, readonly string[]])[] = [
  ['US', 'USD', 62, ['Inc', 'LLC', 'Corp', 'Co']],
  ['CA', 'USD', 8, ['Inc', 'Ltd']],
  ['GB', 'GBP', 12, ['Ltd', 'PLC']],
  ['DE', 'EUR', 8, ['GmbH', 'AG']],
  ['FR', 'EUR', 5, ['SA', 'SAS']],
  ['NL', 'EUR', 5, ['BV', 'NV']]
];

export const COLLECTORS: readonly string[] = ['Maria Lopez', 'James Carter', 'Priya Natarajan', 'Tom Becker', 'Aisha Okafor'];

export const NAME_HEADS: readonly string[] = [
  'Apex',
  'Blue',
  'Cedar',
  'Delta',
  'Evergreen',
  'Falcon',
  'Granite',
  'Harbor',
  'Iron',
  'Juniper',
  'Keystone',
  'Lakeside',
  'Maple',
  'North',
  'Oak',
  'Pioneer',
  'Quartz',
  'Redwood',
  'Summit',
  'Tidal',
  'Union',
  'Vertex',
  'Willow',
  'Crown',
  'Silver',
  'Golden',
  'Pacific',
  'Atlas',
  'Beacon',
  'Copper'
];

export const NAME_TAILS: readonly string[] = [
  'Logistics',
  'Foods',
  'Analytics',
  'Manufacturing',
  'Health',
  'Retail',
  'Energy',
  'Labs',
  'Systems',
  'Builders',
  'Textiles',
  'Motors',
  'Pharma',
  'Media',
  'Robotics',
  'Supply',
  'Hospitality',
  'Farms',
  'Packaging',
  'Electric',
  'Software',
  'Marine',
  'Dental',
  'Printing',
  'Outfitters'
];

/** Relative sales by calendar month: summer dip, Q4 peak. */
export const MONTH_WEIGHT: readonly number[] = [0.9, 0.95, 1.05, 1.0, 1.0, 0.88, 0.78, 0.8, 1.05, 1.12, 1.25, 1.3];

/** Relative sales by weekday, Sunday first: invoices are rarely issued at weekends. */
export const WEEKDAY_WEIGHT: readonly number[] = [0.03, 1, 1, 1, 1, 1, 0.12];

/** Sales grow this much a year, so later periods are a bit larger. */
export const YEARLY_GROWTH = 0.12;

export interface DunningStep {
  /** Days past due when this touch happens (before jitter). */
  offset: number;
  channel: 'email' | 'call' | 'letter' | 'note';
  outcome: string;
}

/** The escalation ladder collectors follow once an invoice is overdue. */
export const DUNNING_LADDER: readonly DunningStep[] = [
  { offset: 3, channel: 'email', outcome: 'reminder_sent' },
  { offset: 14, channel: 'call', outcome: 'call' },
  { offset: 30, channel: 'email', outcome: 'second_reminder_sent' },
  { offset: 45, channel: 'letter', outcome: 'letter_sent' },
  { offset: 60, channel: 'call', outcome: 'call' },
  { offset: 90, channel: 'letter', outcome: 'final_notice' },
  { offset: 120, channel: 'note', outcome: 'referred_to_agency' }
];

/** Cost of one touch in currency units, [low, high]; a call costs collector time. */
export const CHANNEL_COST: Record<string, readonly [number, number]> = {
  email: [0.3, 0.5],
  call: [4.5, 11],
  letter: [1.9, 2.6],
  dispute: [12, 30]
};

export const CALL_OUTCOMES: readonly (readonly [string, number])[] = [
  ['no_answer', 4],
  ['left_voicemail', 3],
  ['spoke_to_ap', 3]
];

export const CREDIT_NOTE_REASONS: readonly string[] = ['pricing_error', 'returned_goods', 'volume_rebate', 'service_credit'];
export const WRITE_OFF_REASONS: readonly string[] = ['uncollectible', 'customer_insolvent', 'aged_balance'];

/** Monthly collection costs for a 70k-invoice portfolio; they scale with volume. */
export const MONTHLY_COSTS: readonly { category: string; note: string; base: number; jitter: number }[] = [
  { category: 'salaries', note: 'collections team payroll', base: 31_000, jitter: 0.02 },
  { category: 'agency_fees', note: 'third-party collection agency', base: 2_400, jitter: 0.5 },
  { category: 'software', note: 'AR automation subscription', base: 1_450, jitter: 0 },
  { category: 'bank_fees', note: 'lockbox and payment processing', base: 650, jitter: 0.2 }
];
