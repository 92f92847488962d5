import { MikroORM } from '@mikro-orm/postgresql';
import { Member } from '../../src/modules/member/member.entity';

type Result = 'POSITIVE' | 'NEGATIVE' | 'NOT_DONE';

export interface CheckFields {
  systolic?: number;
  diastolic?: number;
  weightKg?: number;
  heightCm?: number;
  cognition?: Result;
  mobility?: Result;
  nutrition?: Result;
  vision?: Result;
  hearing?: Result;
  mood?: Result;
  referred?: boolean;
  referralLevel?: string;
}

/** Builders of health checks and home-care visits, inserted as rows (the tests of the API write through it). */
export function givenHealth(orm: MikroORM) {
  const conn = () => orm.em.fork().getConnection();
  return {
    async check(member: Member, checkedOn: string, f: CheckFields = {}): Promise<number> {
      const [row] = await conn().execute(
        `insert into health_check (club_id, member_id, checked_on, systolic, diastolic, weight_kg, height_cm, cognition, mobility, nutrition, vision, hearing, mood, referred, referral_level, version)
         select club_id, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1 from member where id = ? returning id`,
        [
          checkedOn,
          f.systolic ?? null,
          f.diastolic ?? null,
          f.weightKg ?? null,
          f.heightCm ?? null,
          f.cognition ?? 'NOT_DONE',
          f.mobility ?? 'NOT_DONE',
          f.nutrition ?? 'NOT_DONE',
          f.vision ?? 'NOT_DONE',
          f.hearing ?? 'NOT_DONE',
          f.mood ?? 'NOT_DONE',
          f.referred ?? false,
          f.referralLevel ?? null,
          member.id,
        ],
      );
      return row.id;
    },
    async visit(volunteer: Member, visited: Member, visitedOn: string, help = 'COMPANIONSHIP'): Promise<number> {
      const [row] = await conn().execute(
        `insert into home_care_visit (club_id, volunteer_id, visited_id, visited_on, help, version) select club_id, ?, id, ?, ?, 1 from member where id = ? returning id`,
        [volunteer.id, visitedOn, help, visited.id],
      );
      return row.id;
    },
    /** The read entries of the audit log (operation read:…), oldest first. */
    async reads(): Promise<Array<{ operation: string; entity_type: string; entity_id: number; subject_member_id: number; key_id: number | null; account_id: number | null; request_id: string; units: string[] }>> {
      return conn().execute(`select operation, entity_type, entity_id, subject_member_id, key_id, account_id, request_id, units from audit_entry where operation like 'read:%' order by id`);
    },
    async readCount(): Promise<number> {
      const [row] = await conn().execute(`select count(*)::int as n from audit_entry where operation like 'read:%'`);
      return row.n;
    },
  };
}
