// Aging as stacked bars by week: one series per bucket, from current up to 120+, and credits below zero.
import type { AgingWeek } from '../../../../server/contracts/dashboard.ts';
import { AXIS_LABEL, COLORS, bucketColor, compactNumber, shortDate } from './theme.ts';

export function agingWeeksOptions(weeks: AgingWeek[], formatMoney: (value: number) => string) {
  const buckets = weeks[0]?.buckets.map((b) => b.bucket) ?? [];
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 52, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: buckets },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(v) : '—')
    },
    xAxis: { type: 'category', data: weeks.map((w) => w.period_end), axisLabel: { ...AXIS_LABEL, formatter: shortDate } },
    yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: compactNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: buckets.map((bucket, index) => ({
      name: bucket,
      type: 'bar',
      stack: 'aging',
      barCategoryGap: '20%',
      itemStyle: { color: bucketColor(bucket, index) },
      data: weeks.map((w) => w.buckets[index]?.balance ?? null)
    }))
  };
}
