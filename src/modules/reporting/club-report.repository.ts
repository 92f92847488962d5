import { EntityManager } from '@mikro-orm/postgresql';
import { intArray, textArray } from '../../db/sql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { ActivityArea } from '../club/club.enums';
import { STATE_AT } from '../indicator/indicator.repository';
import { todayInVietnam } from '../../time';
import { ClubReportFigures } from './club-report.writes';
import { expectedReportsSql, monthEndSql } from './expected';
import { reportDeadlineSql } from './report-deadline';

/**
 * A month's figures from the records already entered, per (club, month), in one statement: meetings held, their
 * attendance and activity areas (meeting), members who joined and left in the month (member), and the capital of
 * the club's funds at the month's end as the indicators count it (club_month's capital, the fund_capital
 * indicator's state), and the home-care visits and health checks recorded in the month (health module; counts only).
 */
export async function derivedFigures(em: EntityManager, pairs: ReadonlyArray<{ clubId: number; month: string }>): Promise<ClubReportFigures[]> {
  if (!pairs.length) return [];
  const end = monthEndSql('q.month');
  const rows = await em.getConnection('read').execute<Array<Record<string, unknown>>>(
    `with q(i, club_id, month) as (select * from unnest(?::int[], ?::int[], ?::date[]))
     select q.i,
       g.held as "meetingsHeld", g.attendance, coalesce(g.areas, '{}') as "activityAreas",
       (select count(*) from member m where m.club_id = q.club_id and m.joined_on between q.month and ${end})::int as "newMembers",
       (select count(*) from member m where m.club_id = q.club_id and m.left_on between q.month and ${end})::int as "membersLeft",
       (select count(*) from home_care_visit v where v.club_id = q.club_id and v.visited_on between q.month and ${end})::int as "homeCareVisits",
       (select count(*) from health_check h where h.club_id = q.club_id and h.checked_on between q.month and ${end})::int as "healthChecks",
       coalesce((select s.capital from club_month s where s.club_id = q.club_id and ${STATE_AT('s', end)}), 0)::text as "fundCapital"
     from q
     cross join lateral (select count(*)::int as held, coalesce(sum(x.attendance), 0)::int as attendance,
         (select array_agg(distinct a::text order by a::text) from meeting y, unnest(y.activity_areas) a
          where y.club_id = q.club_id and y.held_on between q.month and ${end}) as areas
       from meeting x where x.club_id = q.club_id and x.held_on between q.month and ${end}) g
     order by q.i`,
    [intArray(pairs.map((_, i) => i)), intArray(pairs.map((p) => p.clubId)), textArray(pairs.map((p) => p.month))],
  );
  return rows.map((r) => ({
    meetingsHeld: Number(r.meetingsHeld),
    attendance: Number(r.attendance),
    activityAreas: parseArray(r.activityAreas) as ActivityArea[],
    newMembers: Number(r.newMembers),
    membersLeft: Number(r.membersLeft),
    homeCareVisits: Number(r.homeCareVisits),
    healthChecks: Number(r.healthChecks),
    fundCapital: BigInt(String(r.fundCapital)),
  }));
}

/** A text[] as the driver gives it (an array, or '{A,B}' for arrays of enum types). */
function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? '{}');
  return text === '{}' ? [] : text.slice(1, -1).split(',');
}

export type ReportStatus = 'MISSING' | 'LATE';

export interface MissingReportRow {
  month: string;
  clubId: number;
  code: string;
  name: string;
  communeId: number | null;
  meetingDay: number | null;
  communePre2025Id: number | null;
  communePost2025Id: number | null;
  status: ReportStatus;
  deadline: string;
  firstSubmittedOn: string | null;
  /** The keyset: month and club code. */
  sortKey: string;
}

/**
 * Expected reports (expected.ts) of the clubs placed under `unit` (in its structure, where each club was at the
 * month's end) for the months from `from` to `to` that have ended, that are missing or were first submitted
 * after the deadline; ordered by month, then club code, a keyset page of `limit` + 1 rows after `after`.
 */
export async function missingReports(
  em: EntityManager,
  units: UnitDirectory,
  unit: AdministrativeUnit,
  from: string,
  to: string,
  page: { limit: number; after: string | null },
): Promise<MissingReportRow[]> {
  const { scopeJoin, params } = scopeOf(units, unit);
  const rows = await em.getConnection('read').execute<MissingReportRow[]>(
    `${expectedUnder(unit.structure, scopeJoin)}
     select to_char(x.month, 'YYYY-MM-DD') as month, c.id as "clubId", c.code, c.name, x.commune_id as "communeId", c.meeting_day as "meetingDay",
       c.commune_pre2025_id as "communePre2025Id", c.commune_post2025_id as "communePost2025Id",
       case when r.id is null then 'MISSING' else 'LATE' end as status, to_char(${reportDeadlineSql('x.month')}, 'YYYY-MM-DD') as deadline,
       to_char(r.first_submitted_on, 'YYYY-MM-DD') as "firstSubmittedOn", to_char(x.month, 'YYYY-MM') || '|' || c.code as "sortKey"
     from x join club c on c.id = x.club_id
     left join club_report r on r.club_id = x.club_id and r.month = x.month
     where (r.id is null or r.first_submitted_on > ${reportDeadlineSql('x.month')})
       and (?::text is null or to_char(x.month, 'YYYY-MM') || '|' || c.code > ?::text)
     order by x.month, c.code
     limit ?`,
    [...monthParams(from, to), ...params, page.after, page.after, page.limit + 1],
  );
  return rows;
}

/** How many reports missingReports lists in all. */
export async function countMissingReports(em: EntityManager, units: UnitDirectory, unit: AdministrativeUnit, from: string, to: string): Promise<number> {
  const { scopeJoin, params } = scopeOf(units, unit);
  const [row] = await em.getConnection('read').execute<Array<{ n: number }>>(
    `${expectedUnder(unit.structure, scopeJoin)}
     select count(*)::int as n from x left join club_report r on r.club_id = x.club_id and r.month = x.month
     where r.id is null or r.first_submitted_on > ${reportDeadlineSql('x.month')}`,
    [...monthParams(from, to), ...params],
  );
  return row.n;
}

/** The ended months from the first day of `from`'s month to `to`'s month. */
const monthParams = (from: string, to: string) => [from, to, todayInVietnam()];

function expectedUnder(structure: AdminStructure, scopeJoin: string): string {
  return `with months as (select ms::date as month from generate_series(date_trunc('month', ?::date), date_trunc('month', ?::date), interval '1 month') ms
      where ${monthEndSql('ms::date')} <= ?::date),
    e as (${expectedReportsSql(structure, 'months m')}),
    x as (select e.* from e ${scopeJoin})`;
}

/** The communes (of either structure) that place clubs under the unit; the nation needs no filter. */
function scopeOf(units: UnitDirectory, unit: AdministrativeUnit): { scopeJoin: string; params: unknown[] } {
  if (unit.level === UnitLevel.NATION) return { scopeJoin: '', params: [] };
  return {
    scopeJoin: 'join unnest(?::int[]) as scope(commune_id) on scope.commune_id = e.commune_id',
    params: [intArray(units.communesWithin(unit).map((c) => c.dbId))],
  };
}

/** Reports of many clubs within months, in one statement, by club, oldest month first. */
export async function reportsOfClubs(em: EntityManager, clubIds: readonly number[], from: string | null, to: string | null): Promise<Array<Record<string, unknown>>> {
  return em.getConnection('read').execute(
    `select * from club_report where club_id = any(?::int[]) and (?::date is null or month >= date_trunc('month', ?::date)) and (?::date is null or month <= ?::date)
     order by club_id, month`,
    [intArray(clubIds), from, from, to, to],
  );
}
