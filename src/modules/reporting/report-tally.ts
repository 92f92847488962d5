import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';

/**
 * report_tally (migration report_tally): per month, place and programme, the reports expected, received and
 * on time for each deadline day, kept in every write's transaction; `rebuild_report_tally()` rebuilds it. A row
 * keeps both communes of the place (0: none), as club rows do: this is the commune that places it in a
 * structure (its commune there, else its commune in the other one), as clubCommuneSql says for clubs.
 */
export function tallyCommuneSql(structure: AdminStructure, alias: string): string {
  const [own, other] = structure === AdminStructure.PRE_2025 ? ['commune_pre2025_id', 'commune_post2025_id'] : ['commune_post2025_id', 'commune_pre2025_id'];
  return `coalesce(nullif(${alias}.${own}, 0), nullif(${alias}.${other}, 0))`;
}

/** Rows for months after the horizon hold nothing new: such a month reads the horizon's row (see the migration). */
export const TALLY_HORIZON = 'report_tally_horizon';

/**
 * The tally rows a table down to `level` reads, aliased `alias`, with the unit each counts in (`key`, an
 * admin_unit id or null for the nation alone): for tables by province or of the nation, the sums per province
 * (report_tally_province: the province the place rolls up to, as indicator tables roll up); below, the places.
 */
export function tallyRows(structure: AdminStructure, level: UnitLevel, alias: string): { table: string; where: string; key: string; provinces: boolean } {
  if (level === UnitLevel.NATION || level === UnitLevel.PROVINCE) {
    return { table: 'report_tally_province', where: `${alias}.structure = '${structure}'`, key: `nullif(${alias}.province_id, 0)`, provinces: true };
  }
  return { table: 'report_tally', where: 'true', key: tallyCommuneSql(structure, alias), provinces: false };
}
