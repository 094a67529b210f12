// Explore's quick chart: one numeric column against another column, as bars or a line.
import { axisTooltip, frame, valueAxis } from './parts.ts';
import { AXIS_LABEL, COLORS } from './theme.ts';

export interface QuickChart {
  kind: 'bar' | 'line';
  xName: string;
  yName: string;
  x: string[];
  y: (number | null)[];
}

/** Bars draw at most this many categories; past that a line reads better and the browser stays quick. */
export const MAX_POINTS = 2000;

export function exploreOptions(chart: QuickChart) {
  const count = Math.min(chart.x.length, MAX_POINTS);
  return {
    ...frame({ left: 56, top: 28, bottom: 48 }),
    tooltip: axisTooltip((v) => v.toLocaleString('en-US')),
    xAxis: {
      type: 'category',
      name: chart.xName,
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: AXIS_LABEL,
      data: chart.x.slice(0, count),
      axisLabel: AXIS_LABEL
    },
    yAxis: valueAxis({ name: chart.yName }),
    series: [
      chart.kind === 'bar'
        ? { name: chart.yName, type: 'bar', data: chart.y.slice(0, count), itemStyle: { color: COLORS.primary } }
        : {
            name: chart.yName,
            type: 'line',
            showSymbol: count <= 60,
            data: chart.y.slice(0, count),
            lineStyle: { width: 2, color: COLORS.primary },
            itemStyle: { color: COLORS.primary }
          }
    ]
  };
}
