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
 * Without a date, counts are of today, read from club_summary (kept exact by triggers) for members.
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
  useSummary: boolean,
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
  } else if (metric === 'members' && useSummary) {
    query = `select ${column} as key, coalesce(sum(s.members), 0)::int as n
             from club c join club_summary s on s.club_id = c.id ${rollJoin} where ${scope} and ${activeAt('c')} group by 1`;
    params = [...rollParams, ...scopeParams, asOf, asOf];
  } else {
    query = `select ${column} as key, count(*)::int as n from member m join club c on c.id = m.club_id ${rollJoin}
             where ${scope} and ${activeAt('c')} and ${openAt('m')}${metric === 'olderMembers' ? ` and ${olderAt('m')}` : ''}
             group by 1`;
    params = [...rollParams, ...scopeParams, asOf, asOf, asOf, asOf, ...(metric === 'olderMembers' ? [asOf] : [])];
  }
  const rows = await em.getConnection().execute<Array<{ key: number; n: number }>>(query, params);
  return new Map(rows.map((r) => [r.key, r.n]));
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
          .getConnection()
          .execute<Array<{ key: number; n: number }>>('select club_id as key, members as n from club_summary where club_id = any(?::int[])', [ids])
      : await em.getConnection().execute<Array<{ key: number; n: number }>>(
          `select m.club_id as key, count(*)::int as n from member m
           where m.club_id = any(?::int[]) and ${openAt('m')}${metric === 'olderMembers' ? ` and ${olderAt('m')}` : ''}
           group by 1`,
          [ids, asOf, asOf, ...(metric === 'olderMembers' ? [asOf] : [])],
        );
  return new Map(rows.map((r) => [r.key, r.n]));
}
