// Calendar arithmetic for choosing periods (never for figures). Dates are YYYY-MM-DD in UTC.
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every week end (Sunday) from the week holding `first` to `last`, newest first. */
export function weekEnds(first: string, last: string): string[] {
  const start = new Date(`${first}T00:00:00Z`);
  const offset = (7 - start.getUTCDay()) % 7;
  const ends: string[] = [];
  for (let day = addDays(first, offset); day <= last; day = addDays(day, 7)) ends.push(day);
  return ends.reverse();
}

export function longDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
