// The cash forecast: expected cash per week ahead with its 80 % interval as a band, and past weeks'
// forecasts (made the day before each week) beside the cash that came in.
import type { ForecastHistoryWeek, ForecastWeek } from '../../../../server/contracts/forecast.ts';
import { dateAxis, frame, legendOnTop, valueAxis } from './parts.ts';
import { COLORS } from './theme.ts';

/** The band is a stack: an invisible line at `low`, then the width high − low filled on top of it. */
function band(weeks: { low: number; high: number }[]) {
  return [
    {
      name: 'low',
      type: 'line',
      stack: 'interval',
      data: weeks.map((w) => w.low),
      lineStyle: { opacity: 0 },
      symbol: 'none',
      tooltip: { show: false }
    },
    {
      name: '80 % interval',
      type: 'line',
      stack: 'interval',
      data: weeks.map((w) => Math.round((w.high - w.low) * 100) / 100),
      lineStyle: { opacity: 0 },
      symbol: 'none',
      areaStyle: { color: COLORS.band },
      itemStyle: { color: COLORS.band },
      tooltip: { show: false }
    }
  ];
}

/** The hovered week's dates, then what `describe` says of it. */
function weekTooltip<Week extends { from: string; to: string }>(weeks: Week[], describe: (week: Week) => string) {
  return {
    trigger: 'axis',
    formatter: (items: { dataIndex: number }[]) => {
      const w = weeks[items[0]?.dataIndex ?? 0];
      return w ? `${w.from} – ${w.to}<br>${describe(w)}` : '';
    }
  };
}

export function cashForecastOptions(weeks: ForecastWeek[], formatMoney: (value: number) => string) {
  return {
    ...frame({ left: 52, top: 36 }),
    legend: legendOnTop(['Expected cash', '80 % interval']),
    tooltip: weekTooltip(weeks, (w) => `expected ${formatMoney(w.expected)}<br>80 %: ${formatMoney(w.low)} – ${formatMoney(w.high)}`),
    xAxis: dateAxis(weeks.map((w) => w.to)),
    yAxis: valueAxis(),
    series: [
      ...band(weeks),
      { name: 'Expected cash', type: 'bar', data: weeks.map((w) => w.expected), itemStyle: { color: COLORS.primary }, barMaxWidth: 28 }
    ]
  };
}

export function forecastActualOptions(weeks: ForecastHistoryWeek[], formatMoney: (value: number) => string) {
  return {
    ...frame({ left: 52, top: 36 }),
    legend: legendOnTop(['Cash that came in', 'Forecast', '80 % interval']),
    tooltip: weekTooltip(
      weeks,
      (w) =>
        `came in ${formatMoney(w.actual)}<br>forecast ${formatMoney(w.expected)} (80 %: ${formatMoney(w.low)} – ${formatMoney(w.high)})`
    ),
    xAxis: dateAxis(weeks.map((w) => w.to)),
    yAxis: valueAxis(),
    series: [
      ...band(weeks),
      { name: 'Cash that came in', type: 'bar', data: weeks.map((w) => w.actual), itemStyle: { color: COLORS.good }, barMaxWidth: 28 },
      {
        name: 'Forecast',
        type: 'line',
        data: weeks.map((w) => w.expected),
        lineStyle: { width: 2, color: COLORS.primary },
        itemStyle: { color: COLORS.primary }
      }
    ]
  };
}
