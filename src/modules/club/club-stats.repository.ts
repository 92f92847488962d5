import { EntityManager } from '@mikro-orm/postgresql';
import { intArray } from '../../db/sql';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { CLUB_COMMUNE_COLUMN } from '../admin-unit/unit-scope';

/**
 * Set-based counts behind every `clubCount`, `memberCount` and `olderMemberCount`.
 * Definitions (the same as the indicators'):
 * - a club is active at D when founded on or before D and not dissolved on or before D;
 * - a member at D has a membership open at D (joined on or before D, not left on or before D), in a club
 *   active at D;
 * - "older" is aged 60 or more at D; a member whose birth date is unknown is taken as born on 1 January of
 *   the birth year.
 * Without a date, counts are of today, read from commune_summary and club_summary (kept exact by triggers).
 */
export type ClubMetric = 'clubs' | 'members' | 'olderMembers';

const activeAt = (alias: string) => `${alias}.founded_on <= ?::date and (${alias}.dissolved_on is null or ${alias}.dissolved_on > ?::date)`;
const openAt = (alias: string) => `${alias}.joined_on <= ?::date and (${alias}.left_on is null or ${alias}.left_on > ?::date)`;
const olderAt = (alias: string) => `coalesce(${alias}.birth_date, make_date(${alias}.birth_year, 1, 1)) <= (?::date - interval '60 years')`;

/**
 * Per commune of a structure: the metric's value; communes: null means every commune. With `rollUp`
 * (pairs of commune and unit ids), per unit instead: the sum is made in SQL and few rows come back.
 */
export async function metricPerCommune(
  em: EntityManager,
  metric: ClubMetric,
  structure: AdminStructure,
  asOf: string,
  communeIds: readonly number[] | null,
  rollUp?: { communeIds: readonly number[]; unitIds: readonly number[] },
): Promise<Map<number, number>> {
  const commune = `c.${CLUB_COMMUNE_COLUMN[structure]}`;
  const column = rollUp ? 'r.unit_id' : commune;
  const scope = rollUp ? 'true' : communeIds ? `${commune} = any(?::int[])` : `${commune} is not null`;
  const scopeParams = !rollUp && communeIds ? [intArray(communeIds)] : [];
  const rollJoin = rollUp ? `join unnest(?::int[], ?::int[]) as r(commune_id, unit_id) on ${commune} = r.commune_id` : '';
  const rollParams = rollUp ? [intArray(rollUp.communeIds), intArray(rollUp.unitIds)] : [];
  let query: string;
  let params: unknown[];
  if (metric === 'clubs') {
    query = `select ${column} as key, count(*)::int as n from club c ${rollJoin} where ${scope} and ${activeAt('c')} group by 1`;
    params = [...rollParams, ...scopeParams, asOf, asOf];
  } else {
    query = `select ${column} as key, count(*)::int as n from member m join club c on c.id = m.club_id ${rollJoin}
             where ${scope} and ${activeAt('c')} and ${openAt('m')}${metric === 'olderMembers' ? ` and ${olderAt('m')}` : ''}
             group by 1`;
    params = [...rollParams, ...scopeParams, asOf, asOf, asOf, asOf, ...(metric === 'olderMembers' ? [asOf] : [])];
  }
  const rows = await em.getConnection('read').execute<Array<{ key: number; n: number }>>(query, params);
  return new Map(rows.map((r) => [r.key, r.n]));
}

export interface TodayCounts {
  clubs: number;
  members: number;
  communesWithClubs: number;
}

/**
 * Clubs whose dates make "open" and "active today" differ — founded after today, or dissolved after today — are
 * few (an index range each): per commune of a structure, what they add to the open counts (negative: not yet
 * active; positive: dissolved, but only from a later day), so the summaries' figures equal the definitions above
 * at today's date.
 */
function correctionSql(structure: AdminStructure): string {
  const commune = `c.${CLUB_COMMUNE_COLUMN[structure]}`;
  return `select ${commune} as commune_id, sum(x.sign)::int as clubs, sum(x.sign * coalesce(s.members, 0))::int as members
       from club c left join club_summary s on s.club_id = c.id
       cross join lateral (select case when c.dissolved_on is null then -1 else 1 end as sign) x
       where ${commune} is not null
         and ((c.dissolved_on is null and c.founded_on > ?::date) or (c.dissolved_on > ?::date and c.founded_on <= ?::date))
       group by 1`;
}

/**
 * Today's counts per province (`by: 'province'`, from province_summary) or per commune of a structure (from
 * commune_summary): open clubs and their current members, corrected for the clubs of correctionSql. `ids`
 * (provinces or communes) narrows the rows.
 */
export async function todayCounts(
  em: EntityManager,
  structure: AdminStructure,
  today: string,
  by: 'province' | 'commune',
  ids: readonly number[] | null,
): Promise<Map<number, TodayCounts>> {
  type Row = { key: number; clubs: number; members: number; communes_with_clubs: number };
  const rows =
    by === 'province'
      ? await em.getConnection('read').execute<Row[]>(
          // The corrected communes' own rows tell whether a correction takes a commune across zero clubs.
          `with correction as (${correctionSql(structure)}),
           by_province as (
             select cs.province_id, sum(x.clubs)::int as clubs, sum(x.members)::int as members,
                    sum(((cs.clubs + x.clubs) > 0)::int - (cs.clubs > 0)::int)::int as communes
             from correction x join commune_summary cs on cs.commune_id = x.commune_id
             group by 1
           )
           select ps.province_id as key, ps.clubs + coalesce(x.clubs, 0) as clubs, ps.members + coalesce(x.members, 0) as members,
                  ps.communes_with_clubs + coalesce(x.communes, 0) as communes_with_clubs
           from province_summary ps left join by_province x on x.province_id = ps.province_id
           where ps.structure = ?${ids ? ' and ps.province_id = any(?::int[])' : ''}`,
          [today, today, today, structure, ...(ids ? [intArray(ids)] : [])],
        )
      : await em.getConnection('read').execute<Row[]>(
          `with correction as (${correctionSql(structure)}), communes as (
             select cs.commune_id as key, cs.clubs + coalesce(x.clubs, 0) as clubs, cs.members + coalesce(x.members, 0) as members
             from commune_summary cs left join correction x on x.commune_id = cs.commune_id
             where cs.structure = ?${ids ? ' and cs.commune_id = any(?::int[])' : ''}
           )
           select key, clubs, members, (clubs > 0)::int as communes_with_clubs from communes`,
          [today, today, today, structure, ...(ids ? [intArray(ids)] : [])],
        );
  return new Map(rows.map((r) => [r.key, { clubs: r.clubs, members: r.members, communesWithClubs: r.communes_with_clubs }]));
}

/** Per club: members (or older members) at a date; without a date, today's members from club_summary. */
export async function metricPerClub(
  em: EntityManager,
  metric: Exclude<ClubMetric, 'clubs'>,
  asOf: string,
  useSummary: boolean,
  clubIds: readonly number[],
): Promise<Map<number, number>> {
  const ids = intArray(clubIds);
  const rows =
    metric === 'members' && useSummary
      ? await em
          .getConnection('read')
          .execute<Array<{ key: number; n: number }>>('select club_id as key, members as n from club_summary where club_id = any(?::int[])', [ids])
      : await em.getConnection('read').execute<Array<{ key: number; n: number }>>(
          `select m.club_id as key, count(*)::int as n from member m
           where m.club_id = any(?::int[]) and ${openAt('m')}${metric === 'olderMembers' ? ` and ${olderAt('m')}` : ''}
           group by 1`,
          [ids, asOf, asOf, ...(metric === 'olderMembers' ? [asOf] : [])],
        );
  return new Map(rows.map((r) => [r.key, r.n]));
}
