// The aging of one as-of date as bars, one per bucket; a click opens the bucket.
import { AXIS_LABEL, COLORS, bucketColor, compactNumber } from './theme.ts';

export function bucketsOptions(
  buckets: { bucket: string; balance: number }[],
  formatMoney: (value: number) => string,
  selected: string | null
) {
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 52, right: 16, top: 16, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(v) : '—')
    },
    xAxis: { type: 'category', data: buckets.map((b) => b.bucket), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: compactNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [
      {
        name: 'Balance',
        type: 'bar',
        cursor: 'pointer',
        data: buckets.map((b, i) => ({
          value: b.balance,
          itemStyle: { color: bucketColor(b.bucket, i), opacity: selected && selected !== b.bucket ? 0.35 : 1 }
        }))
      }
    ]
  };
}
