// The forecast charts' option builders: the band is low plus (high − low) stacked, the bars are the figures.
import { describe, expect, it } from 'vitest';
import { cashForecastOptions, forecastActualOptions } from '../../web/lib/charts/options/forecast-options.ts';

const weeks = [
  { from: '2024-12-06', to: '2024-12-12', expected: 2333.33, low: 1729.44, high: 2937.22 },
  { from: '2024-12-13', to: '2024-12-19', expected: 0, low: 0, high: 0 }
];
const format = (v: number) => `$${v}`;

describe('cash forecast options', () => {
  it("draws each week's expected cash as a bar over a band from low to high", () => {
    const option = cashForecastOptions(weeks, format);
    expect(option.xAxis.data).toEqual(['2024-12-12', '2024-12-19']);
    const [low, width, bars] = option.series;
    expect(low.data).toEqual([1729.44, 0]);
    // 2937.22 − 1729.44 = 1207.78: stacked on low, the band's top is high
    expect(width.data).toEqual([1207.78, 0]);
    expect(bars).toMatchObject({ name: 'Expected cash', type: 'bar', data: [2333.33, 0] });
    expect(option.tooltip.formatter([{ dataIndex: 0 }])).toBe('2024-12-06 – 2024-12-12<br>expected $2333.33<br>80 %: $1729.44 – $2937.22');
  });

  it('puts past forecasts as a line beside the cash that came in', () => {
    const option = forecastActualOptions([{ ...weeks[0], actual: 2500 }], format);
    const names = option.series.map((s) => s.name);
    expect(names).toEqual(['low', '80 % interval', 'Cash that came in', 'Forecast']);
    expect(option.series[2].data).toEqual([2500]);
    expect(option.series[3].data).toEqual([2333.33]);
  });
});
