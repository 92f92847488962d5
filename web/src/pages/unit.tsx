import { useMemo } from 'react';
import { WebIndicatorsDocument, WebRankingDocument, WebUnitDocument, type AdminStructure, type UnitLevel, type WebUnitQuery } from '../api/gql/graphql';
import { useQuery } from '../api/use-query';
import { Problem } from '../components/problem';
import { LATEST_MONTH, PeriodControls, useTabState } from '../components/controls';
import { DataTable } from '../components/data-table';
import { ExportLinks } from '../components/export-links';
import { FigureTable, TableRow } from '../components/figure-table';
import { formatDate, formatInteger, formatPercent, formatPeriod, formatValue, MessageKey, useI18n } from '../i18n';
import { exportQuery, HEADLINE_IDS, useCatalogue } from '../indicators';
import { href } from '../router';

type Level = 'NATION' | 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
type Club = NonNullable<NonNullable<WebUnitQuery['commune']>['clubs']>['edges'][number]['node'];

const LEVEL_NAME: Record<Level, MessageKey> = { NATION: 'nation', PROVINCE: 'province', DISTRICT: 'district', COMMUNE: 'commune' };

/** The level below: districts exist only before the 2025 reform. */
function childLevel(level: Level, structure: AdminStructure): Level | 'CLUB' {
  if (level === 'NATION') return 'PROVINCE';
  if (level === 'PROVINCE') return structure === 'PRE_2025' ? 'DISTRICT' : 'COMMUNE';
  if (level === 'DISTRICT') return 'COMMUNE';
  return 'CLUB';
}

/** "2025-07" for the clubs' reports from "202507". */
const monthKey = (period: string) => `${period.slice(0, 4)}-${period.slice(4, 6)}`;

/** A club is weakest when it did not report for the month, then when its latest supervision rated it weak. */
function weakness(club: Club): number {
  const latest = [...club.supervisionVisits].sort((a, b) => b.visitedOn.localeCompare(a.visitedOn))[0];
  return (club.reports.length === 0 ? 2 : 0) + (latest?.rating === 'WEAK' ? 1 : 0);
}

export default function UnitPage(props: { structure?: string; level?: string; code?: string }) {
  const { t, name } = useI18n();
  const catalogue = useCatalogue();
  const [period, setPeriod] = useTabState('period', LATEST_MONTH);
  const [tabStructure, setTabStructure] = useTabState<AdminStructure>('structure', 'POST_2025');
  const structure = (props.structure === 'PRE_2025' || props.structure === 'POST_2025' ? props.structure : tabStructure) as AdminStructure;
  const level = (props.level && props.code ? props.level : 'NATION') as Level;
  const code = props.code ?? 'VN';
  const below = childLevel(level, structure);
  const self = level === 'NATION' ? undefined : { structure, code };

  const unit = useQuery(
    WebUnitDocument,
    { structure, code, month: monthKey(period), isProvince: level === 'PROVINCE', isDistrict: level === 'DISTRICT', isCommune: level === 'COMMUNE' },
    level === 'NATION',
  );
  const own = useQuery(WebIndicatorsDocument, { ids: HEADLINE_IDS, units: self ? [self] : undefined, periods: [period], structure });
  const children = useQuery(WebIndicatorsDocument, { ids: HEADLINE_IDS, level: below as UnitLevel, under: self, periods: [period], structure }, below === 'CLUB');
  // The ranking covers the nation's provinces or a province's districts or communes; a district shows its
  // communes' places in its province's ranking.
  const province = level === 'PROVINCE' ? code : level === 'DISTRICT' ? unit.data?.district?.province.code : undefined;
  const ranking = useQuery(
    WebRankingDocument,
    { period, structure, within: province ? { structure, code: province } : undefined, level: (level === 'DISTRICT' ? 'COMMUNE' : below) as UnitLevel, first: 1000 },
    level === 'COMMUNE' || (level === 'DISTRICT' && !province),
  );

  const title = level === 'NATION' ? t('wholeNation') : (unit.data?.province?.fullName ?? unit.data?.district?.fullName ?? unit.data?.commune?.fullName ?? code);
  const trail: Array<{ label: string; link: string }> = [{ label: t('wholeNation'), link: href('units', structure, 'NATION', 'VN') }];
  const parentProvince = unit.data?.district?.province ?? unit.data?.commune?.province;
  if (parentProvince) trail.push({ label: parentProvince.fullName, link: href('units', structure, 'PROVINCE', parentProvince.code) });
  const parentDistrict = unit.data?.commune?.district;
  if (parentDistrict && structure === 'PRE_2025') trail.push({ label: parentDistrict.fullName, link: href('units', structure, 'DISTRICT', parentDistrict.code) });

  const ownValues = useMemo(() => new Map((own.data?.indicators.rows ?? []).map((r) => [r.indicatorId, r.value])), [own.data]);
  const childRows = useMemo<TableRow[]>(() => {
    const units = new Map<string, TableRow>();
    for (const row of children.data?.indicators.rows ?? []) {
      let entry = units.get(row.unit.code);
      if (!entry) {
        entry = { key: row.unit.code, name: row.unit.fullName, href: href('units', structure, below, row.unit.code), values: {} };
        units.set(row.unit.code, entry);
      }
      entry.values[row.indicatorId] = row.value ?? null;
    }
    return [...units.values()];
  }, [children.data, structure, below]);

  const districtCommunes = useMemo(() => new Set(unit.data?.district?.communes.map((c) => c.code) ?? []), [unit.data]);
  const rankRows = (ranking.data?.clubQualityRanking.rows ?? []).filter((row) => level !== 'DISTRICT' || districtCommunes.has(row.unit.code));
  const clubs = useMemo(() => [...(unit.data?.commune?.clubs?.edges.map((e) => e.node) ?? [])].sort((a, b) => weakness(b) - weakness(a) || a.code.localeCompare(b.code)), [unit.data]);

  const failed = unit.error ?? own.error ?? children.error ?? ranking.error;

  return (
    <section aria-labelledby="unit-title">
      <nav aria-label={t('breadcrumbs')}>
        <ol className="breadcrumbs">
          {trail.map((step) => (
            <li key={step.link}>
              <a href={step.link}>{step.label}</a>
            </li>
          ))}
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <h1 id="unit-title">
        {title} <span className="level">({t(LEVEL_NAME[level])})</span>
      </h1>
      <div className="controls">
        <PeriodControls period={period} onPeriod={setPeriod} structure={level === 'NATION' ? structure : undefined} onStructure={setTabStructure} />
      </div>
      {failed && <Problem error={failed} />}

      <h2 id="unit-figures">{t('headlines')}</h2>
      <ul className="cards" aria-labelledby="unit-figures">
        {HEADLINE_IDS.map((id) => (
          <li key={id} data-indicator={id}>
            <span className="figure">{own.data ? formatValue(ownValues.get(id), catalogue?.get(id)?.unit) : '…'}</span>
            <span className="label">{catalogue?.get(id) ? name(catalogue.get(id)!) : id}</span>
          </li>
        ))}
      </ul>

      {below !== 'CLUB' ? (
        <>
          <h2 id="children">{t(LEVEL_NAME[below])}</h2>
          <ExportLinks query={exportQuery({ ids: HEADLINE_IDS, periods: [period], structure, level: below, under: self })} name={`ishc-${structure}-${code}-${period}`} />
          <FigureTable caption={`${t(LEVEL_NAME[below])}, ${formatPeriod(period)}`} unitHeading={t(LEVEL_NAME[below])} ids={HEADLINE_IDS} catalogue={catalogue} rows={childRows} />
        </>
      ) : (
        <>
          <h2 id="clubs">{t('clubsWeakestFirst')}</h2>
          <DataTable
            labelledBy="clubs"
            columns={[
              { label: t('club') },
              { label: t('status') },
              { label: `${t('reportFor')} ${formatPeriod(period)}` },
              { label: t('latestRating') },
              { label: t('members'), numeric: true },
              { label: t('foundedOn') },
            ]}
            empty={clubs.length === 0 && (unit.loading ? t('loading') : t('noData'))}
          >
            {clubs.map((club) => {
              const latest = [...club.supervisionVisits].sort((a, b) => b.visitedOn.localeCompare(a.visitedOn))[0];
              return (
                <tr key={club.code}>
                  <th scope="row">
                    <a href={href('clubs', club.code)}>{club.name}</a> <span className="code">{club.code}</span>
                  </th>
                  <td>{t(`status_${club.status}` as MessageKey)}</td>
                  <td>{club.reports.length ? t('reported') : <strong>{t('notReported')}</strong>}</td>
                  <td>{latest ? `${t(`rating_${latest.rating}` as MessageKey)} (${formatDate(latest.visitedOn)})` : '—'}</td>
                  <td className="number">{formatInteger(club.memberCount)}</td>
                  <td>{formatDate(club.foundedOn)}</td>
                </tr>
              );
            })}
          </DataTable>
        </>
      )}

      {level !== 'COMMUNE' && (
        <>
          <h2 id="ranking">{t('ranking')}</h2>
          <DataTable
            labelledBy="ranking"
            columns={[
              { label: '#', numeric: true },
              { label: t('unit') },
              { label: t('activeClubs'), numeric: true },
              { label: t('unreportedClubs'), numeric: true },
              { label: t('weakClubs'), numeric: true },
              { label: t('weakOrUnreported'), numeric: true },
            ]}
            empty={rankRows.length === 0 && (ranking.loading ? t('loading') : t('noData'))}
          >
            {rankRows.map((row) => (
              <tr key={row.unit.code}>
                <td className="number">{row.rank}</td>
                <th scope="row">
                  <a href={href('units', structure, row.unit.level, row.unit.code)}>{row.unit.name}</a>
                </th>
                <td className="number">{formatInteger(row.activeClubs)}</td>
                <td className="number">{formatInteger(row.unreportedClubs)}</td>
                <td className="number">{formatInteger(row.weakClubs)}</td>
                <td className="number">{row.weakOrUnreportedPercent === null || row.weakOrUnreportedPercent === undefined ? '—' : formatPercent(row.weakOrUnreportedPercent)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
