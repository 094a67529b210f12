// Explore's quick chart: one numeric column against another column, as bars or a line.
import { AXIS_LABEL, COLORS, compactNumber } from './theme.ts';

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
    aria: { enabled: true },
    animation: false,
    grid: { left: 56, right: 16, top: 28, bottom: 48 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : '—') },
    xAxis: {
      type: 'category',
      name: chart.xName,
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: AXIS_LABEL,
      data: chart.x.slice(0, count),
      axisLabel: AXIS_LABEL
    },
    yAxis: {
      type: 'value',
      name: chart.yName,
      nameTextStyle: AXIS_LABEL,
      axisLabel: { ...AXIS_LABEL, formatter: compactNumber },
      splitLine: { lineStyle: { color: COLORS.grid } }
    },
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
