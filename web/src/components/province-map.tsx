import { useEffect, useMemo, useRef, useState } from 'react';
import type { AdminStructure } from '../api/gql/graphql';
import { formatValue, useI18n } from '../i18n';
import { Chart } from './chart';
import { echarts, type ChartOption } from './echarts';

/** Map names registered with ECharts, one per structure (codes are per structure: 52 is two provinces). */
const MAP_NAME: Record<AdminStructure, string> = { PRE_2025: 'vn-PRE_2025', POST_2025: 'vn-POST_2025' };
const GEOJSON: Record<AdminStructure, string> = { PRE_2025: '/geo/provinces-2024.geojson', POST_2025: '/geo/provinces-2025.geojson' };
const loaded = new Map<AdminStructure, Promise<Map<string, string>>>();

/**
 * The province boundaries of a structure (fetched from the hub once, a separate file so the first script stays
 * small), registered with ECharts; resolves to province names by code.
 */
function loadBoundaries(structure: AdminStructure): Promise<Map<string, string>> {
  let promise = loaded.get(structure);
  if (!promise) {
    promise = fetch(GEOJSON[structure])
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status} for ${GEOJSON[structure]}`);
        return response.json() as Promise<{ features: Array<{ properties: { code: string; name: string } }> }>;
      })
      .then((geojson) => {
        echarts.registerMap(MAP_NAME[structure], geojson as never);
        return new Map(geojson.features.map((f) => [f.properties.code, f.properties.name]));
      });
    promise.catch(() => loaded.delete(structure));
    loaded.set(structure, promise);
  }
  return promise;
}

export interface ProvinceValue {
  code: string;
  value: number | null;
}

interface Props {
  id: string;
  structure: AdminStructure;
  values: ProvinceValue[] | undefined;
  indicatorName: string;
  unit: string | undefined;
  onProvince?(code: string): void;
}

/**
 * A choropleth of one indicator by province, with the Hoàng Sa and Trường Sa archipelagos drawn in Đà Nẵng and
 * Khánh Hòa (they are in the boundaries) and labelled, since at this scale their reefs are a pixel or less.
 * Records, in data-draw-ms, how long the drawing took after the figures arrived (read by `npm run bench:web-map`).
 */
export function ProvinceMap({ id, structure, values, indicatorName, unit, onProvince }: Props) {
  const { t } = useI18n();
  const [names, setNames] = useState<{ structure: AdminStructure; byCode: Map<string, string> }>();
  const [failed, setFailed] = useState(false);
  // When the figures arrived (not when the boundaries did): the draw time is measured from there.
  const arrival = useRef<{ values?: ProvinceValue[]; at: number }>({ at: 0 });
  if (values && arrival.current.values !== values) arrival.current = { values, at: performance.now() };

  useEffect(() => {
    let current = true;
    loadBoundaries(structure).then(
      (byCode) => current && setNames({ structure, byCode }),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [structure]);

  const option = useMemo<ChartOption | null>(() => {
    if (!values || names?.structure !== structure) return null;
    const numbers = values.map((v) => v.value).filter((v): v is number => v !== null);
    const max = numbers.length ? Math.max(...numbers) : 1;
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const p = params as { name: string; value: number };
          return `${names.byCode.get(p.name) ?? p.name}: ${Number.isFinite(p.value) ? formatValue(p.value, unit) : t('noData')}`;
        },
      },
      visualMap: {
        min: 0,
        max: max || 1,
        calculable: false,
        left: 10,
        bottom: 10,
        text: [formatValue(max, unit), formatValue(0, unit)],
        inRange: { color: ['#e3eef9', '#0b5cad'] },
      },
      geo: {
        map: MAP_NAME[structure],
        nameProperty: 'code',
        roam: false,
        // Fit the mainland and both archipelagos (east to 115.9° E).
        layoutCenter: ['50%', '50%'],
        layoutSize: '100%',
        boundingCoords: [
          [102.0, 23.5],
          [116.2, 8.3],
        ],
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: '#d5dbe1' },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#e08a00' } },
        select: { disabled: true },
      },
      series: [
        {
          type: 'map',
          geoIndex: 0,
          map: MAP_NAME[structure],
          nameProperty: 'code',
          name: indicatorName,
          data: values.map((v) => ({ name: v.code, value: v.value ?? Number.NaN })),
        },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          symbolSize: 4,
          itemStyle: { color: '#4a5560' },
          label: { show: true, position: 'right', fontSize: 11, color: '#1b1f24', formatter: '{b}' },
          data: [
            { name: t('hoangSa'), value: [112.0, 16.5] },
            { name: t('truongSa'), value: [114.9, 10.4] },
          ],
        },
      ],
    };
  }, [values, names, structure, indicatorName, unit, t]);

  const recordDraw = () => {
    const element = document.getElementById(id);
    if (!element || !arrival.current.at) return;
    element.dataset.drawMs = String(Math.round(performance.now() - arrival.current.at));
    element.dataset.drawn = structure;
  };

  return (
    <figure className="map">
      {failed ? <p role="alert">{t('requestFailed')}</p> : null}
      <Chart id={id} className="chart map-chart" option={option} label={`${t('map')}: ${indicatorName}`} onClick={(code) => onProvince?.(code)} onDrawn={recordDraw} />
      <figcaption className="credit">{t('mapCredit')}</figcaption>
    </figure>
  );
}
