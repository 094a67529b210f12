// Colours and axis styles shared by the option builders. Colours pass WCAG AA on white for text.
export const COLORS = {
  primary: '#1d4ed8',
  secondary: '#b45309',
  muted: '#6b7280',
  good: '#15803d',
  bad: '#b91c1c',
  grid: '#e5e7eb',
  band: 'rgba(29, 78, 216, 0.12)'
};

/** Aging from current (calm) to 120+ (alarming). */
export const BUCKET_COLORS = ['#2563eb', '#65a30d', '#ca8a04', '#ea580c', '#dc2626', '#7f1d1d'];

/** Credits (money owed back to customers) are not an age: grey, never a bucket's colour. */
export const CREDITS_COLOR = '#9ca3af';

export const bucketColor = (bucket: string, index: number) =>
  bucket === 'credits' ? CREDITS_COLOR : BUCKET_COLORS[index % BUCKET_COLORS.length];

export const AXIS_LABEL = { color: '#374151', fontSize: 11 };

export function shortDate(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(day)} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(month) - 1]}`;
}

export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
