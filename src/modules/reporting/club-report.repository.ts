import { EntityManager } from '@mikro-orm/postgresql';
import { intArray, textArray } from '../../db/sql';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { ActivityArea } from '../club/club.enums';
import { STATE_AT } from '../indicator/indicator.repository';
import { todayInVietnam } from '../../time';
import { ClubReportFigures } from './club-report.writes';
import { expectedReportsSql, monthEndSql } from './expected';
import { reportDeadlineDay, reportDeadlineSql } from './report-deadline';
import { TALLY_HORIZON, tallyCommuneSql } from './report-tally';

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
 * after the deadline; ordered by month, then club code, a keyset page of `limit` + 1 rows after `after`. Month by
 * month, each an ordered walk of the clubs by code that stops at the page's end: a page reads a few hundred
 * clubs, not every club of every month.
 */
export async function missingReports(
  em: EntityManager,
  units: UnitDirectory,
  unit: AdministrativeUnit,
  from: string,
  to: string,
  page: { limit: number; after: string | null },
): Promise<MissingReportRow[]> {
  const { scopeJoin, params } = scopeOf(units, unit, 'e');
  // The keyset 'YYYY-MM|code': months before its month are done, and in its month the codes up to it.
  const afterMonth = page.after ? `${page.after.slice(0, 7)}-01` : null;
  const afterCode = page.after ? page.after.slice(8) : null;
  const rows = await em.getConnection('read').execute<MissingReportRow[]>(
    `${endedMonths}
     select to_char(x.month, 'YYYY-MM-DD') as month, x.club_id as "clubId", x.code, x.name, x.commune_id as "communeId", x.meeting_day as "meetingDay",
       x.commune_pre2025_id as "communePre2025Id", x.commune_post2025_id as "communePost2025Id",
       case when x.report_id is null then 'MISSING' else 'LATE' end as status, to_char(${reportDeadlineSql('x.month')}, 'YYYY-MM-DD') as deadline,
       to_char(x.first_submitted_on, 'YYYY-MM-DD') as "firstSubmittedOn", to_char(x.month, 'YYYY-MM') || '|' || x.code as "sortKey"
     from months lm cross join lateral (
       select e.month, e.club_id, e.commune_id, c.code, c.name, c.meeting_day, c.commune_pre2025_id, c.commune_post2025_id, r.id as report_id, r.first_submitted_on
       from (${expectedReportsSql(unit.structure, '(select lm.month) m')}) e ${scopeJoin}
       join club c on c.id = e.club_id
       left join club_report r on r.club_id = e.club_id and r.month = e.month
       where (r.id is null or r.first_submitted_on > ${reportDeadlineSql('e.month')}) and (?::date is null or lm.month > ?::date or c.code > ?::text)
       order by c.code
       limit ?) x
     where ?::date is null or lm.month >= ?::date
     order by x.month, x.code
     limit ?`,
    [...monthParams(from, to), ...params, afterMonth, afterMonth, afterCode, page.limit + 1, afterMonth, afterMonth, page.limit + 1],
  );
  return rows;
}

/**
 * How many reports missingReports lists in all: per month, the reports expected less those on time, from the
 * report counts kept per month and place (report_tally; the place as the expectation's, report-tally.ts), read
 * as reportSql reads them.
 */
export async function countMissingReports(em: EntityManager, units: UnitDirectory, unit: AdministrativeUnit, from: string, to: string): Promise<number> {
  const { scopeJoin, params } = scopeOf(units, unit, 't', tallyCommuneSql(unit.structure, 't'));
  const [row] = await em.getConnection('read').execute<Array<{ n: number }>>(
    `${endedMonths}
     select coalesce(sum(t.expected - case when m.month <= z.month then t.on_time[${reportDeadlineDay()}] else 0 end), 0)::int as n
     from months m cross join ${TALLY_HORIZON} z join report_tally t on t.month + 0 = least(m.month, z.month)
       and t.month between (select least(min(w.month), max(z.month)) from months w, ${TALLY_HORIZON} z) and (select least(max(w.month), max(z.month)) from months w, ${TALLY_HORIZON} z)
     ${scopeJoin}`,
    [...monthParams(from, to), ...params],
  );
  return row.n;
}

/** The ended months from the first day of `from`'s month to `to`'s month. */
const monthParams = (from: string, to: string) => [from, to, todayInVietnam()];

const endedMonths = `with months as (select ms::date as month from generate_series(date_trunc('month', ?::date), date_trunc('month', ?::date), interval '1 month') ms
      where ${monthEndSql('ms::date')} <= ?::date)`;

/** The communes (of either structure) that place clubs under the unit, joined on `alias`'s commune; the nation needs no filter. */
function scopeOf(units: UnitDirectory, unit: AdministrativeUnit, alias: string, commune = `${alias}.commune_id`): { scopeJoin: string; params: unknown[] } {
  if (unit.level === UnitLevel.NATION) return { scopeJoin: '', params: [] };
  return {
    scopeJoin: `join unnest(?::int[]) as scope(commune_id) on scope.commune_id = ${commune}`,
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
