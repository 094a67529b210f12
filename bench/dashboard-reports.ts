// The dashboard's four reports as the benchmarks time them at one as-of date: kpis over 90 days,
// aging, the last complete week's period report, and a weekly series of 104 points ending at the date.
import { daysBefore } from '../server/as-of.ts';
import type { Reader } from '../server/queries/reader.ts';
import * as reports from '../server/queries/reports.ts';

export const SERIES_WEEKS = 104;

export function dashboardReports(reader: Reader, asOf: string) {
  const seriesFrom = daysBefore(asOf, 7 * SERIES_WEEKS - 1);
  return {
    kpis: () => reports.kpis(reader, { as_of: asOf, window: 90 }),
    aging: () => reports.aging(reader, { as_of: asOf }),
    period: () => reports.period(reader, {}),
    series: () => reports.series(reader, { from: seriesFrom, to: asOf, grain: 'week', window: 90 })
  };
}
