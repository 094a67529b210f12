// Cash collected against sales, week by week.
import type { ReviewPoint } from '../../../../server/contracts/dashboard.ts';
import { AXIS_LABEL, COLORS, compactNumber, shortDate } from './theme.ts';

export function cashSalesOptions(points: ReviewPoint[], formatMoney: (value: number) => string) {
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 52, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: ['Cash collected', 'Sales'] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(v) : '—') },
    xAxis: { type: 'category', data: points.map((p) => p.period_end), axisLabel: { ...AXIS_LABEL, formatter: shortDate } },
    yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: compactNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [
      { name: 'Cash collected', type: 'bar', data: points.map((p) => p.cash_collected), itemStyle: { color: COLORS.good } },
      {
        name: 'Sales',
        type: 'line',
        showSymbol: false,
        data: points.map((p) => p.period_sales),
        lineStyle: { width: 2, color: COLORS.secondary },
        itemStyle: { color: COLORS.secondary }
      }
    ]
  };
}
