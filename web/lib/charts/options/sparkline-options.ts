// A tile's sparkline: the figure over the weeks shown, no axes, the last point marked.
import { COLORS } from './theme.ts';

export function sparklineOptions(values: (number | null)[]) {
  return {
    animation: false,
    grid: { left: 2, right: 4, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: values,
        showSymbol: false,
        lineStyle: { width: 1.5, color: COLORS.primary },
        areaStyle: { color: COLORS.band },
        markPoint: undefined
      }
    ]
  };
}
