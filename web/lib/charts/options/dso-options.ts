// DSO and best possible DSO by week: two lines; the gap between them is the delinquency (ADD).
import type { ReviewPoint } from '../../../../server/contracts/dashboard.ts';
import { AXIS_LABEL, COLORS, shortDate } from './theme.ts';

export function dsoOptions(points: ReviewPoint[]) {
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 44, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: ['DSO', 'Best possible DSO'] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)} days` : '—') },
    xAxis: { type: 'category', data: points.map((p) => p.period_end), axisLabel: { ...AXIS_LABEL, formatter: shortDate } },
    yAxis: {
      type: 'value',
      name: 'days',
      nameTextStyle: AXIS_LABEL,
      axisLabel: AXIS_LABEL,
      splitLine: { lineStyle: { color: COLORS.grid } }
    },
    series: [
      {
        name: 'DSO',
        type: 'line',
        showSymbol: false,
        data: points.map((p) => p.dso),
        lineStyle: { width: 2, color: COLORS.primary },
        itemStyle: { color: COLORS.primary }
      },
      {
        name: 'Best possible DSO',
        type: 'line',
        showSymbol: false,
        data: points.map((p) => p.bpdso),
        lineStyle: { width: 2, type: 'dashed', color: COLORS.secondary },
        itemStyle: { color: COLORS.secondary }
      }
    ]
  };
}
