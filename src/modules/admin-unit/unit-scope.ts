import { intArray, SqlPart } from '../../db/sql';
import { AdminStructure, UnitLevel } from './admin-unit.enums';
import { AdministrativeUnit } from './admin-unit.types';
import { UnitDirectory } from './unit-directory';

/** The club column that holds a club's commune in a structure. */
export const CLUB_COMMUNE_COLUMN: Record<AdminStructure, string> = {
  PRE_2025: 'commune_pre2025_id',
  POST_2025: 'commune_post2025_id',
};

/**
 * Maps club rows to the units asked about, for "everything under these units" in one statement: a join on
 * (commune id → unit id) pairs taken from the in-memory directory, so no SQL walks the unit tree. A lone
 * nation needs no join: every club with a commune in the structure is under it.
 */
export function unitScope(
  units: UnitDirectory,
  structure: AdminStructure,
  parents: readonly AdministrativeUnit[],
  clubAlias: string,
): { parentExpr: string; join: SqlPart | undefined; where: SqlPart } {
  const column = `${clubAlias}.${CLUB_COMMUNE_COLUMN[structure]}`;
  if (parents.length === 1 && parents[0].level === UnitLevel.NATION) {
    return { parentExpr: '0', join: undefined, where: { sql: `${column} is not null`, params: [] } };
  }
  const communeIds: number[] = [];
  const unitIds: number[] = [];
  for (const parent of parents) {
    for (const commune of units.communesUnder(parent)) {
      communeIds.push(commune.dbId);
      unitIds.push(parent.dbId);
    }
  }
  return {
    parentExpr: 'scope.unit_id',
    join: {
      sql: `join unnest(?::int[], ?::int[]) as scope(commune_id, unit_id) on ${column} = scope.commune_id`,
      params: [intArray(communeIds), intArray(unitIds)],
    },
    where: { sql: 'true', params: [] },
  };
}
