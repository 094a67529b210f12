// The aging of one as-of date as bars, one per bucket; a click opens the bucket.
import { axisTooltip, categoryAxis, frame, valueAxis } from './parts.ts';
import { bucketColor } from './theme.ts';

export function bucketsOptions(
  buckets: { bucket: string; balance: number }[],
  formatMoney: (value: number) => string,
  selected: string | null
) {
  return {
    ...frame({ left: 52, top: 16 }),
    tooltip: axisTooltip(formatMoney, { shadow: true }),
    xAxis: categoryAxis(buckets.map((b) => b.bucket)),
    yAxis: valueAxis(),
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
