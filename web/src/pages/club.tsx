import { useMemo } from 'react';
import { WebClubDocument, type WebClubQuery } from '../api/gql/graphql';
import { useQuery } from '../api/use-query';
import { Problem } from '../components/problem';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { LATEST_MONTH, PeriodControls, useTabState } from '../components/controls';
import type { ChartOption } from '../components/echarts';
import { formatDate, formatDong, formatInteger, formatPeriod, MessageKey, useI18n } from '../i18n';
import { href } from '../router';
import { useSession } from '../session';

type Fund = NonNullable<WebClubQuery['club']>['funds'][number];
const CAPITAL_KEYS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12'] as const;

/** The last day of each of the twelve months ending with `period` ("202512"), oldest first. */
function monthEnds(period: string): { period: string; date: string }[] {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(4, 6));
  return Array.from({ length: 12 }, (_, i) => {
    const end = new Date(Date.UTC(year, month - 11 + i, 0));
    return { period: `${end.getUTCFullYear()}${String(end.getUTCMonth() + 1).padStart(2, '0')}`, date: end.toISOString().slice(0, 10) };
  });
}

/** A personal field: shown when the hub returned it, else a dash (the viewer may not read it). */
const personal = (value: string | number | null | undefined) => (value === null || value === undefined ? '—' : String(value));

export default function ClubPage({ code = '' }: { code?: string }) {
  const { t } = useI18n();
  const { viewer } = useSession();
  const [period, setPeriod] = useTabState('period', LATEST_MONTH);
  const ends = useMemo(() => monthEnds(period), [period]);
  const variables = useMemo(
    () => ({ code, withPersonal: Boolean(viewer?.may.readPersonalData), ...Object.fromEntries(ends.map((end, i) => [`m${i + 1}`, end.date])) }),
    [code, viewer, ends],
  );
  const result = useQuery(WebClubDocument, variables);
  const club = result.data?.club;
  const kindName = (fund: Fund) => t(`fund_${fund.kind}` as MessageKey);

  const fundOption = useMemo<ChartOption | null>(() => {
    if (!club) return null;
    return {
      animation: false,
      grid: { left: 90, right: 20, top: 30, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatDong(Number(v)) },
      xAxis: { type: 'category', data: ends.map((end) => formatPeriod(end.period)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatDong(v) } },
      series: club.funds.map((fund) => ({ type: 'line' as const, name: kindName(fund), data: CAPITAL_KEYS.map((key) => Number(fund[key])) })),
    } as ChartOption;
    // kindName follows the language through t
  }, [club, ends, t]);

  if (result.error) return <Problem error={result.error} />;
  if (!result.data) return <p role="status">{t('loading')}</p>;
  if (!club) return <h1>{t('notFound')}</h1>;

  const before = club.communeBefore2025;
  const now = club.communeNow;
  const loans = club.funds.flatMap((fund) => fund.loans?.edges.map((edge) => ({ fund, loan: edge.node })) ?? []).sort((a, b) => b.loan.disbursedOn.localeCompare(a.loan.disbursedOn));

  return (
    <section aria-labelledby="club-title">
      <nav aria-label={t('breadcrumbs')}>
        <ol className="breadcrumbs">
          <li>
            <a href={href('units', 'PRE_2025', 'NATION', 'VN')}>{t('wholeNation')}</a>
          </li>
          {before?.province && (
            <li>
              <a href={href('units', 'PRE_2025', 'PROVINCE', before.province.code)}>{before.province.fullName}</a>
            </li>
          )}
          {before?.district && (
            <li>
              <a href={href('units', 'PRE_2025', 'DISTRICT', before.district.code)}>{before.district.fullName}</a>
            </li>
          )}
          {before && (
            <li>
              <a href={href('units', 'PRE_2025', 'COMMUNE', before.code)}>{before.fullName}</a>
            </li>
          )}
          <li aria-current="page">{club.name}</li>
        </ol>
      </nav>
      <h1 id="club-title">
        {club.name} <span className="code">{club.code}</span>
      </h1>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>{t(`status_${club.status}` as MessageKey)}</dd>
        <dt>{t('foundedOn')}</dt>
        <dd>{formatDate(club.foundedOn)}</dd>
        <dt>{t('programme')}</dt>
        <dd>{club.programme}</dd>
        {now && (
          <>
            <dt>{t('structurePost')}</dt>
            <dd>
              <a href={href('units', 'POST_2025', 'COMMUNE', now.code)}>{now.fullName}</a>, {now.province.fullName}
            </dd>
          </>
        )}
        <dt>{t('members')}</dt>
        <dd>
          {formatInteger(club.memberCount)} ({t('olderMembers')}: {formatInteger(club.olderMemberCount)})
        </dd>
      </dl>
      <div className="controls">
        <PeriodControls period={period} onPeriod={setPeriod} />
      </div>

      <h2 id="board">{t('board')}</h2>
      {club.board ? (
        <ul aria-labelledby="board">
          {club.board.map((member, i) => (
            <li key={i}>
              {t(`board_${member.boardRole}` as MessageKey)}: {personal(member.fullName)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('personalWithheld')}</p>
      )}

      <h2 id="funds">{t('funds')}</h2>
      <Chart id="club-funds" className="chart small" option={fundOption} label={`${t('funds')}: ${club.name}`} />
      <DataTable labelledBy="funds" columns={[{ label: t('fund') }, { label: t('openedOn') }, { label: t('capital'), numeric: true }]}>
        {club.funds.map((fund) => (
          <tr key={fund.kind + fund.openedOn}>
            <th scope="row">{kindName(fund)}</th>
            <td>{formatDate(fund.openedOn)}</td>
            <td className="number">{formatDong(Number(fund.capital))}</td>
          </tr>
        ))}
      </DataTable>
      <h3 id="loans">{t('loans')}</h3>
      <DataTable
        labelledBy="loans"
        columns={[
          { label: t('disbursedOn') },
          { label: t('borrower') },
          { label: t('principal'), numeric: true },
          { label: t('outstanding'), numeric: true },
          { label: t('dueOn') },
          { label: t('status') },
        ]}
        empty={loans.length === 0 && t('noData')}
      >
        {loans.map(({ loan }, i) => (
          <tr key={i}>
            <td>{formatDate(loan.disbursedOn)}</td>
            <td>{personal(loan.borrower?.fullName)}</td>
            <td className="number">{formatDong(Number(loan.principal))}</td>
            <td className="number">{formatDong(Number(loan.outstanding))}</td>
            <td>{formatDate(loan.dueOn)}</td>
            <td>{t(`loan_${loan.status}` as MessageKey)}</td>
          </tr>
        ))}
      </DataTable>

      <h2 id="meetings">{t('meetings')}</h2>
      <DataTable
        labelledBy="meetings"
        columns={[{ label: t('heldOn') }, { label: t('attendance'), numeric: true }, { label: t('activityAreas') }]}
        empty={club.meetings.edges.length === 0 && t('noData')}
      >
        {club.meetings.edges.map(({ node }, i) => (
          <tr key={i}>
            <td>{formatDate(node.heldOn)}</td>
            <td className="number">{formatInteger(node.attendance)}</td>
            <td>{node.activityAreas.join(', ')}</td>
          </tr>
        ))}
      </DataTable>

      <h2 id="visits">{t('visits')}</h2>
      <DataTable
        labelledBy="visits"
        columns={[{ label: t('visitedOn') }, { label: t('visitingLevel') }, { label: t('latestRating') }]}
        empty={club.supervisionVisits.length === 0 && t('noData')}
      >
        {[...club.supervisionVisits]
          .sort((a, b) => b.visitedOn.localeCompare(a.visitedOn))
          .map((visit, i) => (
            <tr key={i}>
              <td>{formatDate(visit.visitedOn)}</td>
              <td>{t(LEVEL_KEYS[visit.visitingLevel] ?? 'unit')}</td>
              <td>{t(`rating_${visit.rating}` as MessageKey)}</td>
            </tr>
          ))}
      </DataTable>

      {club.members && (
        <>
          <h2 id="member-list">
            {t('members')} ({formatInteger(club.members.totalCount)})
          </h2>
          <DataTable
            labelledBy="member-list"
            columns={[{ label: t('fullName') }, { label: t('sex') }, { label: t('birthYear'), numeric: true }, { label: t('poverty') }, { label: t('joinedOn') }]}
          >
            {club.members.edges.map(({ node }, i) => (
              <tr key={i}>
                <th scope="row">{personal(node.fullName)}</th>
                <td>{t(`sex_${node.sex}` as MessageKey)}</td>
                <td className="number">{personal(node.birthYear)}</td>
                <td>{node.povertyStatus ? t(`poverty_${node.povertyStatus}` as MessageKey) : '—'}</td>
                <td>{formatDate(node.joinedOn)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}

const LEVEL_KEYS: Record<string, MessageKey> = { NATION: 'nation', PROVINCE: 'province', DISTRICT: 'district', COMMUNE: 'commune' };
