// The cash forecast: expected cash per week ahead with its 80 % interval as a band, and past weeks'
// forecasts (made the day before each week) beside the cash that came in.
import type { ForecastHistoryWeek, ForecastWeek } from '../../../../server/contracts/forecast.ts';
import { AXIS_LABEL, COLORS, compactNumber, shortDate } from './theme.ts';

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

export function cashForecastOptions(weeks: ForecastWeek[], formatMoney: (value: number) => string) {
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 52, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: ['Expected cash', '80 % interval'] },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const w = weeks[items[0]?.dataIndex ?? 0];
        return w
          ? `${w.from} – ${w.to}<br>expected ${formatMoney(w.expected)}<br>80 %: ${formatMoney(w.low)} – ${formatMoney(w.high)}`
          : '';
      }
    },
    xAxis: { type: 'category', data: weeks.map((w) => w.to), axisLabel: { ...AXIS_LABEL, formatter: shortDate } },
    yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: compactNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [
      ...band(weeks),
      { name: 'Expected cash', type: 'bar', data: weeks.map((w) => w.expected), itemStyle: { color: COLORS.primary }, barMaxWidth: 28 }
    ]
  };
}

export function forecastActualOptions(weeks: ForecastHistoryWeek[], formatMoney: (value: number) => string) {
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 52, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: ['Cash that came in', 'Forecast', '80 % interval'] },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const w = weeks[items[0]?.dataIndex ?? 0];
        return w
          ? `${w.from} – ${w.to}<br>came in ${formatMoney(w.actual)}<br>forecast ${formatMoney(w.expected)} (80 %: ${formatMoney(w.low)} – ${formatMoney(w.high)})`
          : '';
      }
    },
    xAxis: { type: 'category', data: weeks.map((w) => w.to), axisLabel: { ...AXIS_LABEL, formatter: shortDate } },
    yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: compactNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
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
