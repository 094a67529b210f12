// Aging as stacked bars by week: one series per bucket, from current up to 120+, and credits below zero.
import type { AgingWeek } from '../../../../server/contracts/dashboard.ts';
import { axisTooltip, dateAxis, frame, legendOnTop, valueAxis } from './parts.ts';
import { bucketColor } from './theme.ts';

export function agingWeeksOptions(weeks: AgingWeek[], formatMoney: (value: number) => string) {
  const buckets = weeks[0]?.buckets.map((b) => b.bucket) ?? [];
  return {
    ...frame({ left: 52, top: 36 }),
    legend: legendOnTop(buckets),
    tooltip: axisTooltip(formatMoney, { shadow: true }),
    xAxis: dateAxis(weeks.map((w) => w.period_end)),
    yAxis: valueAxis(),
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
