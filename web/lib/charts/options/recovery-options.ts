// Recovery rate by aging bucket: the last 13 weeks against the 13 before, side by side.
import type { RecoveryRow } from '../../../../server/contracts/reports.ts';
import { AXIS_LABEL, COLORS } from './theme.ts';

export function recoveryOptions(recent: RecoveryRow[], earlier: RecoveryRow[], labels: { recent: string; earlier: string }) {
  const buckets = recent.map((r) => r.bucket);
  const rateOf = (rows: RecoveryRow[], bucket: string) => rows.find((r) => r.bucket === bucket)?.rate ?? null;
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 44, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: [labels.recent, labels.earlier] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : 'no base')
    },
    xAxis: { type: 'category', data: buckets, axisLabel: AXIS_LABEL },
    yAxis: {
      type: 'value',
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => `${Math.round(v * 100)} %` },
      splitLine: { lineStyle: { color: COLORS.grid } }
    },
    series: [
      { name: labels.recent, type: 'bar', data: buckets.map((b) => rateOf(recent, b)), itemStyle: { color: COLORS.primary } },
      { name: labels.earlier, type: 'bar', data: buckets.map((b) => rateOf(earlier, b)), itemStyle: { color: '#93c5fd' } }
    ]
  };
}
