import { MikroORM } from '@mikro-orm/postgresql';
import { Club } from '../../src/modules/club/club.entity';

/** Builders of the reporting cycle: reports and approvals inserted as rows (the write path is what tests exercise). */
export function givenReporting(orm: MikroORM) {
  const conn = () => orm.em.fork().getConnection();
  return {
    /** A stored report of a club for a month (YYYY-MM), first submitted on a day (default: the 5th of the next month). */
    async report(club: Club, month: string, fields: { firstSubmittedOn?: string; submittedOn?: string; meetingsHeld?: number } = {}) {
      const first = `${month}-01`;
      const firstSubmittedOn = fields.firstSubmittedOn ?? (await conn().execute(`select (?::date + interval '1 month' + interval '4 days')::date::text as d`, [first]))[0].d;
      await conn().execute(
        `insert into club_report (club_id, month, submitted_on, first_submitted_on, submitted_by, source, meetings_held, attendance, activity_areas,
           new_members, members_left, home_care_visits, health_checks, fund_capital, version, created_at, updated_at)
         values (?, ?, ?, ?, 'test', 'ENTERED', ?, 0, '{}', 0, 0, 0, 0, 0, 1, now(), now())`,
        [club.id, first, fields.submittedOn ?? firstSubmittedOn, firstSubmittedOn, fields.meetingsHeld ?? 1],
      );
    },

    /** A commune approved for a month (YYYY-MM) in a structure. */
    async approve(structure: 'PRE_2025' | 'POST_2025', communeCode: string, month: string) {
      await conn().execute(`insert into approval (structure, unit_code, level, month, approved_by) values (?, ?, 'COMMUNE', ?, 'test approver')`, [
        structure,
        communeCode,
        `${month}-01`,
      ]);
    },

    /** The stored reports of a club, oldest first. */
    async reportsOf(club: Club): Promise<Array<Record<string, any>>> {
      return conn().execute(
        `select to_char(month, 'YYYY-MM') as month, submitted_on::text, first_submitted_on::text, source, version, meetings_held, attendance, fund_capital::text
         from club_report where club_id = ? order by month`,
        [club.id],
      );
    },
  };
}
