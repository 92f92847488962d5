import { intArray, SqlPart } from '../../db/sql';
import { AdminStructure, OTHER_STRUCTURE, UnitLevel } from './admin-unit.enums';
import { AdministrativeUnit } from './admin-unit.types';
import { UnitDirectory } from './unit-directory';

/** The club column that holds a club's commune in a structure. */
export const CLUB_COMMUNE_COLUMN: Record<AdminStructure, string> = {
  PRE_2025: 'commune_pre2025_id',
  POST_2025: 'commune_post2025_id',
};

/** The communes a club belongs to, as stored (either may be missing). */
export interface ClubPlace {
  communePre2025Id?: number | null;
  communePost2025Id?: number | null;
}

/**
 * The commune that places a club in a structure: its commune there, else (a club founded after the reform seen in
 * PRE_2025, or one with only a PRE_2025 commune seen in POST_2025) its commune in the other structure, which then
 * counts where the crosswalk places it. The indicators place clubs the same way.
 */
export function clubCommuneSql(structure: AdminStructure, clubAlias: string): string {
  return `coalesce(${clubAlias}.${CLUB_COMMUNE_COLUMN[structure]}, ${clubAlias}.${CLUB_COMMUNE_COLUMN[OTHER_STRUCTURE[structure]]})`;
}

/**
 * Joins the place a club `c` had before a move (club_place_history, alias `h`) when that place held on `day`;
 * no row: the club was already where it is now. Use with clubCommuneAtSql.
 */
export function clubPlaceAtJoin(clubAlias: string, historyAlias: string, day: string): string {
  const h = historyAlias;
  return `left join club_place_history ${h} on ${h}.club_id = ${clubAlias}.id and ${h}.valid_from <= ${day} and ${h}.valid_until > ${day}`;
}

/** The commune that placed a club in a structure on the day of clubPlaceAtJoin (as clubCommuneSql does for today). */
export function clubCommuneAtSql(structure: AdminStructure, clubAlias: string, historyAlias: string): string {
  return `case when ${historyAlias}.club_id is null then ${clubCommuneSql(structure, clubAlias)} else ${clubCommuneSql(structure, historyAlias)} end`;
}

/** The club lies in the area (a unit of either structure): its placing commune (see clubCommuneSql) lies wholly inside it. */
export function clubWithin(units: UnitDirectory, club: ClubPlace, area: AdministrativeUnit): boolean {
  const [own, other] = area.structure === AdminStructure.PRE_2025 ? [club.communePre2025Id, club.communePost2025Id] : [club.communePost2025Id, club.communePre2025Id];
  const commune = own ? units.byDbId(own) : other ? units.byDbId(other) : undefined;
  return !!commune && units.isWithin(commune, area);
}

/**
 * Maps club rows to the units asked about, for "everything under these units" in one statement: a join on
 * (commune id → unit id) pairs taken from the in-memory directory, so no SQL walks the unit tree. A club counts
 * under a unit when its placing commune (clubCommuneSql) lies wholly inside it, so a club with a commune in one
 * structure only is listed under the units of the other that hold all of that commune. A lone nation needs no
 * join: every club with a commune is in it.
 */
export function unitScope(
  units: UnitDirectory,
  structure: AdminStructure,
  parents: readonly AdministrativeUnit[],
  clubAlias: string,
): { parentExpr: string; join: SqlPart | undefined; where: SqlPart } {
  const commune = clubCommuneSql(structure, clubAlias);
  if (parents.length === 1 && parents[0].level === UnitLevel.NATION) {
    return { parentExpr: '0', join: undefined, where: { sql: `${commune} is not null`, params: [] } };
  }
  const communeIds: number[] = [];
  const unitIds: number[] = [];
  for (const parent of parents) {
    for (const c of units.communesWithin(parent)) {
      communeIds.push(c.dbId);
      unitIds.push(parent.dbId);
    }
  }
  return {
    parentExpr: 'scope.unit_id',
    join: {
      sql: `join unnest(?::int[], ?::int[]) as scope(commune_id, unit_id) on ${commune} = scope.commune_id`,
      params: [intArray(communeIds), intArray(unitIds)],
    },
    where: { sql: 'true', params: [] },
  };
}
