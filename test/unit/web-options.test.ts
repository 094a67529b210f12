// The dashboard's chart option builders (web/lib/charts/options): data in, the ECharts option out.
// Each test hands a builder a few rows and checks where every value lands, so a swapped series,
// a lost bucket or a wrong axis shows as a failure, not as a chart that looks plausible.
import { describe, expect, it } from 'vitest';
import { dsoOptions } from '../../web/lib/charts/options/dso-options.ts';
import { agingWeeksOptions } from '../../web/lib/charts/options/aging-weeks-options.ts';
import { recoveryOptions } from '../../web/lib/charts/options/recovery-options.ts';
import { cashSalesOptions } from '../../web/lib/charts/options/cash-sales-options.ts';
import { paymentHistoryOptions } from '../../web/lib/charts/options/payment-history-options.ts';
import { sparklineOptions } from '../../web/lib/charts/options/sparkline-options.ts';
import { bucketsOptions } from '../../web/lib/charts/options/buckets-options.ts';
import { exploreOptions, MAX_POINTS } from '../../web/lib/charts/options/explore-options.ts';
import { BUCKET_COLORS, CREDITS_COLOR, compactNumber, shortDate } from '../../web/lib/charts/options/theme.ts';
import type { AgingWeek, PaymentRow, ReviewPoint } from '../../server/contracts/dashboard.ts';

// Two weeks of the weekly review; only the fields the builders read matter.
const points = [
  { period_start: '2024-03-04', period_end: '2024-03-10', dso: 40.5, bpdso: 13.5, cash_collected: 650, period_sales: 800 },
  { period_start: '2024-03-11', period_end: '2024-03-17', dso: null, bpdso: 12, cash_collected: 0, period_sales: 200 }
] as unknown as ReviewPoint[];

const dollars = (v: number) => `$${v.toFixed(2)}`;
type Series = { name: string; type: string; data: unknown[]; stack?: string; itemStyle?: { color?: string } };

describe('DSO over weeks', () => {
  const option = dsoOptions(points);
  it('puts each week end on the x axis and DSO, best possible DSO on two lines in that order', () => {
    expect(option.xAxis.data).toEqual(['2024-03-10', '2024-03-17']);
    expect(option.series.map((s) => [s.name, s.type])).toEqual([
      ['DSO', 'line'],
      ['Best possible DSO', 'line']
    ]);
    expect(option.series[0].data).toEqual([40.5, null]);
    expect(option.series[1].data).toEqual([13.5, 12]);
  });
  it('keeps an undefined DSO a gap (null), and says so in the tooltip', () => {
    expect(option.tooltip.valueFormatter(40.5)).toBe('40.5 days');
    expect(option.tooltip.valueFormatter(null)).toBe('—');
  });
});

describe('aging by week', () => {
  // a week's buckets, each [balance, invoices]
  const week = (period_start: string, period_end: string, lines: Record<string, [number, number]>): AgingWeek => ({
    period_start,
    period_end,
    buckets: Object.entries(lines).map(([bucket, [balance, invoices]]) => ({ bucket, balance, invoices }))
  });
  const weeks = [
    week('2024-03-04', '2024-03-10', { current: [300, 1], '1-30': [0, 2], '31-60': [600, 1] }),
    week('2024-03-11', '2024-03-17', { current: [100, 1], '1-30': [150, 1], '31-60': [0, 0] })
  ];
  const option = agingWeeksOptions(weeks, dollars);
  it('draws one stacked series per bucket, in bucket order, with that bucket’s balance each week', () => {
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['current', '1-30', '31-60']);
    expect(series.every((s) => s.type === 'bar' && s.stack === 'aging')).toBe(true);
    expect(series[0].data).toEqual([300, 100]);
    expect(series[1].data).toEqual([0, 150]);
    expect(series[2].data).toEqual([600, 0]);
    expect(option.legend.data).toEqual(['current', '1-30', '31-60']);
  });
  it('colours buckets from calm to alarming and formats money with the given formatter', () => {
    expect((option.series as Series[]).map((s) => s.itemStyle?.color)).toEqual(BUCKET_COLORS.slice(0, 3));
    expect(option.tooltip.valueFormatter(1234.5)).toBe('$1234.50');
    // the seventh series, credits, used to wrap round to current's blue
    const all = ['current', '1-30', '31-60', '61-90', '91-120', '120+', 'credits'];
    const withCredits = agingWeeksOptions(
      [{ period_end: '2024-03-10', buckets: all.map((bucket) => ({ bucket, balance: 1 })) }] as unknown as AgingWeek[],
      dollars
    );
    expect((withCredits.series as Series[]).map((s) => s.itemStyle?.color)).toEqual([...BUCKET_COLORS, CREDITS_COLOR]);
  });
  it('has no series at all without weeks', () => {
    expect(agingWeeksOptions([], dollars).series).toEqual([]);
  });
});

describe('recovery by bucket', () => {
  const recent = [
    { bucket: 'current', base: 1000, recovered: 900, rate: 0.9 },
    { bucket: '1-30', base: 500, recovered: 250, rate: 0.5 },
    { bucket: '31-60', base: 0, recovered: 0, rate: null }
  ];
  // the earlier range answers in another order and lacks a bucket: each rate must still land on its bucket
  const earlier = [
    { bucket: '1-30', base: 400, recovered: 100, rate: 0.25 },
    { bucket: 'current', base: 800, recovered: 760, rate: 0.95 }
  ];
  const option = recoveryOptions(recent, earlier, { recent: 'Last 13', earlier: 'Before' });
  it('matches the earlier rates to the recent buckets by name, not by position', () => {
    expect(option.xAxis.data).toEqual(['current', '1-30', '31-60']);
    expect(option.series[0]).toMatchObject({ name: 'Last 13', data: [0.9, 0.5, null] });
    expect(option.series[1]).toMatchObject({ name: 'Before', data: [0.95, 0.25, null] });
  });
  it('shows rates as percentages and a bucket without a base as such', () => {
    expect(option.tooltip.valueFormatter(0.375)).toBe('37.5 %');
    expect(option.tooltip.valueFormatter(null)).toBe('no base');
    expect(option.yAxis.axisLabel.formatter(0.5)).toBe('50 %');
  });
});

describe('cash collected and sales', () => {
  it('puts cash as bars and sales as a line, week by week', () => {
    const option = cashSalesOptions(points, dollars);
    expect(option.series[0]).toMatchObject({ name: 'Cash collected', type: 'bar', data: [650, 0] });
    expect(option.series[1]).toMatchObject({ name: 'Sales', type: 'line', data: [800, 200] });
    expect(option.xAxis.data).toEqual(['2024-03-10', '2024-03-17']);
  });
});

describe('payment history', () => {
  const payments: PaymentRow[] = [
    {
      invoice_id: 'A',
      invoice_date: '2024-01-10',
      due_date: '2024-02-09',
      currency: 'USD',
      amount: 1000,
      settled_on: '2024-04-05',
      days_to_pay: 86,
      days_late: 56
    },
    {
      invoice_id: 'G',
      invoice_date: '2023-12-20',
      due_date: '2024-01-19',
      currency: 'USD',
      amount: 250,
      settled_on: '2024-01-25',
      days_to_pay: 36,
      days_late: 6
    }
  ];
  it('plots each settled invoice at (settled on, days late) with its id for the tooltip', () => {
    const option = paymentHistoryOptions(payments, { low: 6, median: 31, high: 56 });
    expect(option.series[0].data).toEqual([
      ['2024-04-05', 56, 'A'],
      ['2024-01-25', 6, 'G']
    ]);
    expect(option.tooltip.formatter({ data: ['2024-04-05', 56, 'A'] })).toBe('A: settled 2024-04-05, 56 days late');
  });
  it('draws the usual range as a band from low to high and the median as a line', () => {
    const option = paymentHistoryOptions(payments, { low: 6, median: 31, high: 56 });
    expect(option.series[0].markArea.data).toEqual([[{ yAxis: 6, name: 'usual range' }, { yAxis: 56 }]]);
    expect(option.series[0].markLine?.data).toEqual([{ yAxis: 31 }]);
  });
  it('draws no band and no median for a customer without settled invoices', () => {
    const option = paymentHistoryOptions([], { low: null, median: null, high: null });
    expect(option.series[0].markArea.data).toEqual([]);
    expect(option.series[0].markLine).toBeUndefined();
  });
});

describe('sparkline and bucket bars', () => {
  it('sparkline keeps every value, gaps included, without axes', () => {
    const option = sparklineOptions([1, null, 3]);
    expect(option.series[0].data).toEqual([1, null, 3]);
    expect(option.xAxis.data).toEqual([0, 1, 2]);
    expect(option.xAxis.show).toBe(false);
  });
  it('bucket bars dim every bucket but the selected one', () => {
    const option = bucketsOptions(
      [
        { bucket: 'current', balance: 300 },
        { bucket: '1-30', balance: 150 }
      ],
      dollars,
      '1-30'
    );
    const data = option.series[0].data;
    expect(data.map((d) => d.value)).toEqual([300, 150]);
    expect(data.map((d) => d.itemStyle.opacity)).toEqual([0.35, 1]);
    expect(bucketsOptions([{ bucket: 'current', balance: 300 }], dollars, null).series[0].data[0].itemStyle.opacity).toBe(1);
  });
});

describe('Explore quick chart', () => {
  it('draws the chosen Y column against the chosen X column, as bars or a line', () => {
    const bar = exploreOptions({ kind: 'bar', xName: 'bucket', yName: 'balance', x: ['current', '1-30'], y: [300, null] });
    expect(bar.xAxis).toMatchObject({ name: 'bucket', data: ['current', '1-30'] });
    expect(bar.series[0]).toMatchObject({ name: 'balance', type: 'bar', data: [300, null] });
    expect(exploreOptions({ kind: 'line', xName: 'd', yName: 'n', x: ['a'], y: [1] }).series[0].type).toBe('line');
  });
  it(`stops at ${MAX_POINTS} points so a big result cannot freeze the page`, () => {
    const n = MAX_POINTS + 5;
    const option = exploreOptions({
      kind: 'line',
      xName: 'i',
      yName: 'v',
      x: Array.from({ length: n }, (_, i) => String(i)),
      y: Array.from({ length: n }, (_, i) => i)
    });
    expect(option.xAxis.data).toHaveLength(MAX_POINTS);
    expect(option.series[0].data).toHaveLength(MAX_POINTS);
    expect(option.series[0].data.at(-1)).toBe(MAX_POINTS - 1);
  });
});

describe('axis labels', () => {
  it('writes dates as day and month, and large numbers compactly', () => {
    expect(shortDate('2024-03-07')).toBe('7 Mar');
    expect(shortDate('2024-12-31')).toBe('31 Dec');
    expect(compactNumber(1_250_000)).toBe('1.3M');
    expect(compactNumber(950)).toBe('950');
  });
});
