// Days late per settled invoice over time, with the customer's usual range (25th–75th
// percentile) as a band and its median as a line.
import type { PaymentRow } from '../../../../server/contracts/dashboard.ts';
import { frame, unitAxis } from './parts.ts';
import { AXIS_LABEL, COLORS } from './theme.ts';

export interface UsualRange {
  low: number | null;
  median: number | null;
  high: number | null;
}

export function paymentHistoryOptions(payments: PaymentRow[], usual: UsualRange) {
  const band = usual.low !== null && usual.high !== null ? [[{ yAxis: usual.low, name: 'usual range' }, { yAxis: usual.high }]] : [];
  return {
    ...frame({ left: 44, top: 28 }),
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: [string, number, string] }) => `${p.data[2]}: settled ${p.data[0]}, ${p.data[1]} days late`
    },
    xAxis: { type: 'time', axisLabel: AXIS_LABEL },
    yAxis: unitAxis('days late'),
    series: [
      {
        name: 'Days late',
        type: 'scatter',
        symbolSize: 6,
        itemStyle: { color: COLORS.primary },
        data: payments.map((p) => [p.settled_on, p.days_late, p.invoice_id]),
        markArea: {
          silent: true,
          itemStyle: { color: COLORS.band },
          label: { color: COLORS.muted, position: 'insideTopLeft' },
          data: band
        },
        markLine:
          usual.median === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: COLORS.muted, type: 'dashed' },
                label: { formatter: 'median', color: COLORS.muted, position: 'insideEndTop' },
                data: [{ yAxis: usual.median }]
              }
      }
    ]
  };
}
