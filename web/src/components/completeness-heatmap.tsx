import { useEffect, useRef } from 'react';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { formatPercent, formatPeriod } from '../i18n';

// Only the parts the heat map draws with: the rest of ECharts stays out of the bundle.
echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface HeatmapUnit {
  code: string;
  name: string;
}

/** Completeness (%) by unit (rows) and month (columns, "202403"); null: no report expected. */
export function CompletenessHeatmap(props: {
  units: HeatmapUnit[];
  months: string[];
  value: (unitCode: string, month: string) => number | null;
  label: string;
  onPick?: (unitCode: string) => void;
}) {
  const { units, months, value, label, onPick } = props;
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const shown = useRef(units);
  shown.current = units;

  // One chart for the component's life: refetches (live updates) only set new options, never re-create it.
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current);
    chart.current = instance;
    instance.on('click', (params) => {
      const data = params.data as [number, number, number | null] | undefined;
      const unit = data ? shown.current[data[1]] : undefined;
      if (unit) pick.current?.(unit.code);
    });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    const data: Array<[number, number, number | null]> = [];
    units.forEach((unit, y) => months.forEach((month, x) => data.push([x, y, value(unit.code, month)])));
    const instance = chart.current;
    if (!instance || instance.isDisposed()) return;
    // The height follows the number of units: the canvas must follow the element.
    instance.resize();
    instance.setOption(
      {
        animation: false,
        tooltip: {
          formatter: (p: { data: [number, number, number | null] }) =>
            `${units[p.data[1]].name} — ${formatPeriod(months[p.data[0]])}: ${p.data[2] === null ? '—' : formatPercent(p.data[2])}`,
        },
        grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
        xAxis: { type: 'category', data: months.map(formatPeriod), splitArea: { show: true } },
        yAxis: { type: 'category', data: units.map((u) => u.name), inverse: true, splitArea: { show: true } },
        // Red (few reports) to green (all): the same colours as the table's cells, with the figure written there.
        visualMap: { min: 0, max: 100, calculable: false, text: ['100 %', '0 %'], orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#b2182b', '#f4a582', '#d9f0d3', '#1b7837'] } },
        series: [{ type: 'heatmap', data, label: { show: units.length * months.length <= 120, formatter: (p: { data: [number, number, number | null] }) => (p.data[2] === null ? '' : String(Math.round(p.data[2]))) } }],
      },
      true,
    );
  }, [units, months, value]);

  const height = Math.max(160, 28 * units.length + 90);
  return <div ref={element} className="chart" style={{ height }} role="img" aria-label={label} />;
}
