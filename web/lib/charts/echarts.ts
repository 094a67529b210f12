// ECharts with only what the dashboard draws registered (keeps the overview's JS small).
import { init, use } from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer
]);

// only init leaves this module: EChart.svelte imports it on first use, and a dynamic import keeps
// every export it names, so the rest of echarts/core stays out of the bundle
export { init };
export type { EChartsCoreOption as ChartOption, ECElementEvent } from 'echarts/core';
