// Recovery rate by aging bucket: the last 13 weeks against the 13 before, side by side.
import type { RecoveryRow } from '../../../../server/contracts/reports.ts';
import { axisTooltip, categoryAxis, frame, legendOnTop, valueAxis } from './parts.ts';
import { COLORS } from './theme.ts';

export function recoveryOptions(recent: RecoveryRow[], earlier: RecoveryRow[], labels: { recent: string; earlier: string }) {
  const buckets = recent.map((r) => r.bucket);
  const rateOf = (rows: RecoveryRow[], bucket: string) => rows.find((r) => r.bucket === bucket)?.rate ?? null;
  return {
    ...frame({ left: 44, top: 36 }),
    legend: legendOnTop([labels.recent, labels.earlier]),
    tooltip: axisTooltip((rate) => `${(rate * 100).toFixed(1)} %`, { shadow: true, missing: 'no base' }),
    xAxis: categoryAxis(buckets),
    yAxis: valueAxis({ formatter: (rate) => `${Math.round(rate * 100)} %` }),
    series: [
      { name: labels.recent, type: 'bar', data: buckets.map((b) => rateOf(recent, b)), itemStyle: { color: COLORS.primary } },
      { name: labels.earlier, type: 'bar', data: buckets.map((b) => rateOf(earlier, b)), itemStyle: { color: '#93c5fd' } }
    ]
  };
}
