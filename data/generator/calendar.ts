// Dates are whole day numbers (days since 1970-01-01, UTC) inside the generator;
// they become ISO strings only when a row is written.
const MS_PER_DAY = 86_400_000;

export function parseDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / MS_PER_DAY;
  if (isoOf(day) !== iso) throw new Error(`not a calendar date: ${iso}`);
  return day;
}

function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function monthOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCMonth();
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Money does not move at weekends: Saturday and Sunday roll to Monday. */
export function nextBusinessDay(day: number): number {
  const weekday = weekdayOf(day);
  if (weekday === 6) return day + 2;
  if (weekday === 0) return day + 1;
  return day;
}

/**
 * Formats day numbers with a lookup table over the generated range, because
 * Date.toISOString per row would dominate the run time of a 10M-row ledger.
 */
export class DayFormatter {
  private readonly table: string[] = [];
  constructor(
    private readonly first: number,
    last: number
  ) {
    for (let day = first; day <= last; day++) this.table.push(isoOf(day));
  }

  iso(day: number): string {
    return this.table[day - this.first] ?? isoOf(day);
  }
}

/** First day of each calendar month from the month of `first` through `last`. */
export function monthStarts(first: number, last: number): number[] {
  const starts: number[] = [];
  const d = new Date(first * MS_PER_DAY);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  for (;;) {
    const start = Date.UTC(y, m, 1) / MS_PER_DAY;
    if (start > last) return starts;
    starts.push(start);
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
}
