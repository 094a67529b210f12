// DSO and best possible DSO by week: two lines; the gap between them is the delinquency (ADD).
import type { ReviewPoint } from '../../../../server/contracts/dashboard.ts';
import { axisTooltip, dateAxis, frame, legendOnTop, lineSeries, unitAxis } from './parts.ts';
import { COLORS } from './theme.ts';

export function dsoOptions(points: ReviewPoint[]) {
  return {
    ...frame({ left: 44, top: 36 }),
    legend: legendOnTop(['DSO', 'Best possible DSO']),
    tooltip: axisTooltip((days) => `${days.toFixed(1)} days`),
    xAxis: dateAxis(points.map((p) => p.period_end)),
    yAxis: unitAxis('days'),
    series: [
      lineSeries({ name: 'DSO', data: points.map((p) => p.dso), color: COLORS.primary }),
      lineSeries({ name: 'Best possible DSO', data: points.map((p) => p.bpdso), color: COLORS.secondary, dashed: true })
    ]
  };
}
