import { useMemo } from 'react';
import { WebIndicatorsDocument, type AdminStructure, type WebIndicatorsQuery } from '../api/gql/graphql';
import type { ChangeKind } from '../api/live';
import { useChanges } from '../api/use-changes';
import { useQuery } from '../api/use-query';
import { LiveLine } from '../components/live-line';
import { Problem } from '../components/problem';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import type { ChartOption } from '../components/echarts';
import { ExportLinks } from '../components/export-links';
import { FigureTable, TableRow } from '../components/figure-table';
import { LATEST_MONTH, PeriodControls, useTabState } from '../components/controls';
import { ProvinceMap } from '../components/province-map';
import { formatDongShort, formatPercent, formatPeriod, formatValue, useI18n } from '../i18n';
import { exportQuery, HEADLINE_IDS, TARGET_IDS, targetMonth, useCatalogue } from '../indicators';
import { href, navigate } from '../router';

type Row = WebIndicatorsQuery['indicators']['rows'][number];

/** Writes that can move the overview's figures: clubs, memberships, funds and loans, targets, and approvals (a ministry sees approved cells only). */
const FIGURE_KINDS: ChangeKind[] = ['CLUB', 'MEMBER', 'FUND', 'TARGET', 'APPROVAL'];

/** Values by indicator id for one unit (rows of one period, no disaggregation). */
function byIndicator(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((row) => [row.indicatorId, row]));
}

export default function OverviewPage() {
  const { t, name, language } = useI18n();
  const catalogue = useCatalogue();
  const [period, setPeriod] = useTabState('period', LATEST_MONTH);
  const [structure, setStructure] = useTabState<AdminStructure>('structure', 'POST_2025');
  const [shown, setShown] = useTabState<string>('indicator', 'members');

  const national = useQuery(WebIndicatorsDocument, { ids: HEADLINE_IDS, periods: [period], structure });
  // Targets whose deadline has passed are shown at their deadline; the others at the chosen month.
  const targetMonths = useMemo(() => new Map(TARGET_IDS.map((id) => [id, targetMonth(catalogue?.get(id), period)])), [catalogue, period]);
  const targets = useQuery(WebIndicatorsDocument, { ids: TARGET_IDS, periods: [...new Set(targetMonths.values())].sort(), structure }, !catalogue);
  const provinces = useQuery(WebIndicatorsDocument, { ids: HEADLINE_IDS, level: 'PROVINCE', periods: [period], structure });
  const series = useQuery(WebIndicatorsDocument, { ids: [shown], periods: [`202001..${period}`], structure });

  const nationalRows = useMemo(() => byIndicator(national.data?.indicators.rows ?? []), [national.data]);
  const targetRows = useMemo(
    () => byIndicator((targets.data?.indicators.rows ?? []).filter((row) => targetMonths.get(row.indicatorId) === row.period)),
    [targets.data, targetMonths],
  );
  const shownDefinition = catalogue?.get(shown);
  const shownName = shownDefinition ? name(shownDefinition) : shown;

  const tableRows = useMemo<TableRow[]>(() => {
    const units = new Map<string, TableRow>();
    for (const row of provinces.data?.indicators.rows ?? []) {
      let unit = units.get(row.unit.code);
      if (!unit) {
        unit = { key: row.unit.code, name: row.unit.fullName, href: href('units', row.unit.structure, 'PROVINCE', row.unit.code), values: {} };
        units.set(row.unit.code, unit);
      }
      unit.values[row.indicatorId] = row.value ?? null;
    }
    return [...units.values()];
  }, [provinces.data]);

  const mapValues = useMemo(
    () => (provinces.data ? tableRows.map((row) => ({ code: row.key, value: row.values[shown] ?? null })) : undefined),
    [provinces.data, tableRows, shown],
  );

  const seriesOption = useMemo<ChartOption | null>(() => {
    if (!series.data) return null;
    const rows = series.data.indicators.rows.filter((r) => r.indicatorId === shown).sort((a, b) => a.period.localeCompare(b.period));
    const unit = shownDefinition?.unit;
    return {
      animation: false,
      grid: { left: 70, right: 20, top: 20, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatValue(v as number, unit) },
      xAxis: { type: 'category', data: rows.map((r) => formatPeriod(r.period)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatValue(v, unit) } },
      series: [{ type: 'line', name: shownName, data: rows.map((r) => r.value ?? null), showSymbol: false, lineStyle: { width: 2 } }],
    } as ChartOption;
  }, [series.data, shown, shownDefinition, shownName]);

  // The whole nation: any visible write of those kinds, wherever it was made, refetches what the page shows.
  const refetchAll = () => {
    national.refetch();
    targets.refetch();
    provinces.refetch();
    series.refetch();
  };
  const live = useChanges({ structure, kinds: FIGURE_KINDS }, refetchAll);
  const loadedAt = useMemo(() => (national.data ? new Date() : undefined), [national.data]);

  const failed = national.error ?? targets.error ?? provinces.error ?? series.error;

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview')}</h1>
      <div className="controls">
        <PeriodControls period={period} onPeriod={setPeriod} structure={structure} onStructure={setStructure} />
        <label>
          {t('indicator')}
          <select value={shown} onChange={(e) => setShown(e.target.value)}>
            {HEADLINE_IDS.map((id) => (
              <option key={id} value={id}>
                {catalogue?.get(id) ? name(catalogue.get(id)!) : id}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LiveLine status={live.status} at={loadedAt} onRefresh={live.reconnect} />
      {failed && <Problem error={failed} />}

      <h2 id="headlines">{t('headlines')}</h2>
      <ul className="cards" aria-labelledby="headlines" aria-busy={national.loading}>
        {HEADLINE_IDS.map((id) => {
          const definition = catalogue?.get(id);
          const row = nationalRows.get(id);
          return (
            <li key={id} data-indicator={id}>
              <span className="figure">{national.data ? (definition?.unit === 'DONG' && row?.value != null ? formatDongShort(row.value, language) : formatValue(row?.value, definition?.unit)) : '…'}</span>
              <span className="label">{definition ? name(definition) : id}</span>
            </li>
          );
        })}
      </ul>

      <h2 id="targets">{t('targets')}</h2>
      <DataTable
        labelledBy="targets"
        columns={[{ label: t('indicator') }, { label: t('instrument') }, { label: t('value'), numeric: true }, { label: t('target'), numeric: true }, { label: t('achievement'), numeric: true }]}
      >
        {TARGET_IDS.map((id) => {
          const definition = catalogue?.get(id);
          const row = targetRows.get(id);
          const shownAt = targetMonths.get(id);
          const achieved = row?.achievementPercent ?? null;
          return (
            <tr key={id} data-indicator={id}>
              <th scope="row">
                {definition ? name(definition) : id}
                {shownAt && shownAt !== period && (
                  <span className="code">
                    {' '}
                    ({t('atDeadline')} {formatPeriod(shownAt)})
                  </span>
                )}
              </th>
              <td>{definition?.instrument === 'DECISION_1336' ? t('decision1336') : definition?.instrument === 'DECISION_1648' ? t('decision1648') : '—'}</td>
              <td className="number">{formatValue(row?.value, definition?.unit)}</td>
              <td className="number">{formatValue(row?.target, definition?.unit)}</td>
              <td className="number">
                {achieved === null ? '—' : formatPercent(achieved)}
                {achieved !== null && (
                  <span className="progress" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, achieved)}%` }} />
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>

      <div className="two-columns">
        <div>
          <h2>{t('map')}</h2>
          <ProvinceMap
            id="overview-map"
            structure={structure}
            values={mapValues}
            indicatorName={`${shownName}, ${formatPeriod(period)}`}
            unit={shownDefinition?.unit}
            onProvince={(code) => navigate('units', structure, 'PROVINCE', code)}
          />
        </div>
        <div>
          <h2>{t('timeSeries')}</h2>
          <Chart id="overview-series" className="chart small" option={seriesOption} label={`${t('timeSeries')}: ${shownName}`} />
        </div>
      </div>

      <h2 id="province-table">{t('table')}</h2>
      <ExportLinks query={exportQuery({ ids: HEADLINE_IDS, periods: [period], structure, level: 'PROVINCE' })} name={`ishc-${structure}-${period}`} />
      <FigureTable caption={`${t('table')}, ${formatPeriod(period)}`} unitHeading={t('province')} ids={HEADLINE_IDS} catalogue={catalogue} rows={tableRows} />
    </section>
  );
}
