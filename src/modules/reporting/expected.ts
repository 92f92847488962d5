import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { clubCommuneAtSql, clubPlaceAtJoin } from '../admin-unit/unit-scope';

/** The last day of the month that starts on `month` (SQL date). */
export const monthEndSql = (month: string): string => `(${month} + interval '1 month' - interval '1 day')::date`;

/**
 * Expected reports, by the rule's one home: the database function report_expected (migration report_rule: a
 * club is expected to report for each month it was active in, the indicators' definition — founded on or
 * before the month's last day, not dissolved before its first day), which report_tally's functions use too. A
 * club counts where it was at the month's end. Expectations are derived, never stored per club.
 *
 * Returns the body of a CTE with columns (month, club_id, commune_id): one row per expected report for each
 * month of the set `monthsSql` (a FROM item aliased `m` with a `month` date column holding first days), `commune_id` being
 * the commune that placed the club in `structure` that month (see clubCommuneSql).
 */
export function expectedReportsSql(structure: AdminStructure, monthsSql: string): string {
  return `select m.month, c.id as club_id, ${clubCommuneAtSql(structure, 'c', 'h')} as commune_id
    from ${monthsSql} join club c on report_expected(c.founded_on, c.dissolved_on, m.month)
    ${clubPlaceAtJoin('c', 'h', monthEndSql('m.month'))}`;
}
