import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

declare global {
  interface Window {
    /** The app's charts by element id, for the browser tests and the map bench (they ask ECharts what it drew). */
    ishcCharts?: Record<string, echarts.ECharts>;
  }
}

interface ChartProps {
  id: string;
  option: ChartOption | null;
  /** What the chart shows, for screen readers (the same figures are in a table on the page). */
  label: string;
  className?: string;
  onClick?(name: string): void;
  /** Called once ECharts has finished drawing an option (animation off: that is when it is on screen). */
  onDrawn?(): void;
}

/** An ECharts chart drawn as SVG (crisp, and its shapes can be counted); resized with its box. */
export function Chart({ id, option, label, className = 'chart', onClick, onDrawn }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onClick, onDrawn });
  handlers.current = { onClick, onDrawn };

  useEffect(() => {
    const instance = echarts.init(element.current!, null, { renderer: 'svg' });
    chart.current = instance;
    window.ishcCharts = { ...window.ishcCharts, [id]: instance };
    instance.on('click', (params) => handlers.current.onClick?.(String(params.name)));
    // A box of no size (the page is being taken down) cannot hold a map: ECharts' geo transform fails on it.
    const resize = new ResizeObserver(([entry]) => {
      if (entry.contentRect.width > 0 && entry.contentRect.height > 0 && !instance.isDisposed()) instance.resize();
    });
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
      if (window.ishcCharts) delete window.ishcCharts[id];
    };
  }, [id]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !option) return;
    // Listening first: setOption may draw (and finish) before it returns.
    const drawn = () => {
      instance.off('finished', drawn);
      handlers.current.onDrawn?.();
    };
    instance.on('finished', drawn);
    instance.setOption(option, { notMerge: true });
    return () => {
      instance.off('finished', drawn);
    };
  }, [option]);

  return <div id={id} ref={element} className={className} role="img" aria-label={label} />;
}
