// The digest's chart, rendered on the server: ECharts' SSR renderer writes the aging bars as an SVG
// string (no DOM, no canvas, no native code).
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { AgingReport } from '../contracts/reports.ts';

echarts.use([BarChart, GridComponent, TitleComponent, SVGRenderer]);

export function agingChartSvg(report: AgingReport, width = 560, height = 240): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    title: {
      text: `Open balance by days past due, ${report.as_of}`,
      left: 'left',
      top: 6,
      textStyle: { fontSize: 13, fontFamily: 'Arial, sans-serif' }
    },
    // the plot starts below the title with room for the top axis label (at 36 px the label sat on the title)
    grid: { left: 70, right: 12, top: 50, bottom: 28 },
    xAxis: { type: 'category', data: report.buckets.map((b) => b.bucket), axisLabel: { fontFamily: 'Arial, sans-serif' } },
    yAxis: {
      type: 'value',
      axisLabel: {
        fontFamily: 'Arial, sans-serif',
        formatter: (v: number) => Intl.NumberFormat('en-US', { notation: 'compact' }).format(v)
      }
    },
    series: [
      {
        type: 'bar',
        data: report.buckets.map((b, i) => ({
          value: b.balance,
          itemStyle: { color: i === 0 ? '#2563eb' : i < 3 ? '#f59e0b' : '#dc2626' }
        }))
      }
    ]
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
