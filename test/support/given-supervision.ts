import { MikroORM } from '@mikro-orm/postgresql';
import { Club } from '../../src/modules/club/club.entity';

/** Builders of supervision visits, reports and approvals, inserted as rows (the tests of the API write through it). */
export function givenSupervision(orm: MikroORM) {
  const conn = () => orm.em.fork().getConnection();
  return {
    async visit(club: Club, visitedOn: string, rating: 'GOOD' | 'FAIR' | 'WEAK', level = 'COMMUNE'): Promise<number> {
      const [row] = await conn().execute(
        `insert into supervision_visit (club_id, visited_on, visiting_level, scores, rating, version) values (?, ?, ?, '{}', ?, 1) returning id`,
        [club.id, visitedOn, level, rating],
      );
      return row.id;
    },
    /** A report of a club for the month starting on `month`, submitted on the 5th of the next month. */
    async report(club: Club, month: string): Promise<void> {
      await conn().execute(
        `insert into club_report (club_id, month, submitted_on, first_submitted_on, submitted_by, source, meetings_held, attendance, new_members, members_left,
           home_care_visits, health_checks, fund_capital)
         values (?, ?::date, (?::date + interval '1 month 4 days')::date, (?::date + interval '1 month 4 days')::date, 'test', 'ENTERED', 1, 40, 0, 0, 0, 0, 0)`,
        [club.id, month, month, month],
      );
    },
    async approve(structure: string, code: string, month: string, level = 'COMMUNE'): Promise<void> {
      await conn().execute(`insert into approval (structure, unit_code, level, month, approved_by) values (?, ?, ?, ?, 'test')`, [structure, code, level, month]);
    },
    /** A PRE_2025 commune and the POST_2025 commune it went into whole (codes), from the crosswalk. */
    async communePair(oldCode: string): Promise<{ pre: string; post: string }> {
      const [pair] = await conn().execute<Array<{ pre: string; post: string }>>(
        `select o.code as pre, n.code as post from admin_unit_crosswalk x join admin_unit o on o.id = x.old_unit_id join admin_unit n on n.id = x.new_unit_id
         where x.level = 'COMMUNE' and o.code = ?`,
        [oldCode],
      );
      return pair;
    },
  };
}
