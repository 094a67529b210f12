// Cash collected against sales, week by week.
import type { ReviewPoint } from '../../../../server/contracts/dashboard.ts';
import { axisTooltip, dateAxis, frame, legendOnTop, lineSeries, valueAxis } from './parts.ts';
import { COLORS } from './theme.ts';

export function cashSalesOptions(points: ReviewPoint[], formatMoney: (value: number) => string) {
  return {
    ...frame({ left: 52, top: 36 }),
    legend: legendOnTop(['Cash collected', 'Sales']),
    tooltip: axisTooltip(formatMoney),
    xAxis: dateAxis(points.map((p) => p.period_end)),
    yAxis: valueAxis(),
    series: [
      { name: 'Cash collected', type: 'bar', data: points.map((p) => p.cash_collected), itemStyle: { color: COLORS.good } },
      lineSeries({ name: 'Sales', data: points.map((p) => p.period_sales), color: COLORS.secondary })
    ]
  };
}
