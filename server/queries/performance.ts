// Collector performance over a period: per collector (and per channel within it) touches, promises
// made and kept, cash from their book, the book's CEI and the touches followed by a payment within
// 7 days. Figures: sql/marts/collector_performance.sql; this file only nests the channels.
import type { CollectorPerformance, PerformanceQuery, PerformanceReport } from '../contracts/performance.ts';
import { reportingCurrency, type Reader } from './reader.ts';
import { resolvePeriod } from '../as-of.ts';

type Row = Omit<CollectorPerformance, 'channels'> & { channel: string | null };

export async function performance(db: Reader, query: PerformanceQuery): Promise<PerformanceReport> {
  // without a period: the four complete ISO weeks up to the default week
  const { from, to } = await resolvePeriod(db, query, 4);
  const currency = await reportingCurrency(db, query.currency);
  const rows = await db.read<Row & Record<string, unknown>>(
    `select collector, channel, touches::integer as touches, promises_made::integer as promises_made,
       promises_kept::integer as promises_kept, touches_followed_by_payment::integer as touches_followed_by_payment,
       followed_share::double as followed_share, round(cash_collected, 2)::double as cash_collected, cei::double as cei
     from collector_performance($1::date, $2::date, reporting := $4::varchar)
     where $3::varchar is null or collector = $3
     order by channel nulls first, touches desc, channel`,
    [from, to, query.collector ?? null, currency]
  );
  const wholes = rows.filter((row) => row.channel === null);
  const collectors = wholes
    .map(({ channel: _channel, ...whole }) => ({
      ...whole,
      cash_collected: whole.cash_collected ?? 0,
      channels: rows
        .filter((row) => row.channel !== null && row.collector === whole.collector)
        .map(({ channel, touches, promises_made, promises_kept, touches_followed_by_payment, followed_share }) => ({
          channel: channel!,
          touches,
          promises_made,
          promises_kept,
          touches_followed_by_payment,
          followed_share
        }))
    }))
    // the busiest collectors first; those without a name last
    .sort(
      (a, b) =>
        (a.collector === null ? 1 : 0) - (b.collector === null ? 1 : 0) ||
        b.cash_collected - a.cash_collected ||
        String(a.collector).localeCompare(String(b.collector))
    );
  return { from, to, currency, collectors };
}
