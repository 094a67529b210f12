// The pieces most option builders share, so a chart's file holds only what is its own: the frame
// (described to screen readers, drawn at once, a grid with room for the axis labels), a legend on top,
// a tooltip that formats each value, the axes and a plain line.
import { AXIS_LABEL, COLORS, compactNumber, shortDate } from './theme.ts';

/** `left` leaves room for the value axis's labels, `top` for a legend or an axis name, `bottom` for the category labels. */
export function frame({ left, top, bottom = 28 }: { left: number; top: number; bottom?: number }) {
  return { aria: { enabled: true }, animation: false, grid: { left, right: 16, top, bottom } };
}

export const legendOnTop = (data: string[]) => ({ top: 0, data });

/** One tooltip for every series at the hovered category; `shadow` shades the category (bars). */
export function axisTooltip(format: (value: number) => string, { shadow = false, missing = '—' } = {}) {
  return {
    trigger: 'axis',
    ...(shadow ? { axisPointer: { type: 'shadow' } } : {}),
    valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : missing)
  };
}

/** Categories labelled as they come (buckets), or as short dates ("10 Mar") for week ends. */
export const categoryAxis = (data: string[]) => ({ type: 'category', data, axisLabel: AXIS_LABEL });
export const dateAxis = (dates: string[]) => ({ type: 'category', data: dates, axisLabel: { ...AXIS_LABEL, formatter: shortDate } });

const gridLines = () => ({ lineStyle: { color: COLORS.grid } });

/** A value axis with light grid lines, its labels compact (1.2M) unless another formatter is given. */
export function valueAxis({ name, formatter = compactNumber }: { name?: string; formatter?: (value: number) => string } = {}) {
  return {
    type: 'value',
    ...(name === undefined ? {} : { name, nameTextStyle: AXIS_LABEL }),
    axisLabel: { ...AXIS_LABEL, formatter },
    splitLine: gridLines()
  };
}

/** A value axis named for its unit ("days"), its labels the plain numbers. */
export const unitAxis = (name: string) => ({
  type: 'value',
  name,
  nameTextStyle: AXIS_LABEL,
  axisLabel: AXIS_LABEL,
  splitLine: gridLines()
});

/** A 2 px line in one colour, without a marker at each point; `dashed` for a reference line. */
export function lineSeries({
  name,
  data,
  color,
  dashed = false
}: {
  name: string;
  data: (number | null)[];
  color: string;
  dashed?: boolean;
}) {
  return {
    name,
    type: 'line',
    showSymbol: false,
    data,
    lineStyle: { width: 2, ...(dashed ? { type: 'dashed' } : {}), color },
    itemStyle: { color }
  };
}
