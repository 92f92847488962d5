import { AdminStructure } from '../admin-unit/admin-unit.enums';

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
