import { MikroORM } from '@mikro-orm/postgresql';
import { AdminUnit } from '../../src/modules/admin-unit/admin-unit.entity';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { Club } from '../../src/modules/club/club.entity';
import { ClubStatus, Programme } from '../../src/modules/club/club.enums';

let sequence = 0;

/** Test data builders: each test inserts the few rows it needs into its own database. */
export function given(orm: MikroORM) {
  return {
    /** A club attached to communes given by code (PRE_2025 and/or POST_2025). */
    async club(fields: { pre2025?: string; post2025?: string } & Partial<Omit<Club, 'communePre2025' | 'communePost2025'>> = {}): Promise<Club> {
      const em = orm.em.fork();
      const { pre2025, post2025, ...rest } = fields;
      const unit = async (structure: AdminStructure, code?: string) =>
        code ? em.findOneOrFail(AdminUnit, { structure, code }) : undefined;
      sequence += 1;
      const club = em.create(Club, {
        code: `T${String(sequence).padStart(5, '0')}`,
        name: `CLB liên thế hệ tự giúp nhau số ${sequence}`,
        foundedOn: '2021-03-15',
        programme: Programme.DECISION_1336,
        status: ClubStatus.ACTIVE,
        communePre2025: await unit(AdminStructure.PRE_2025, pre2025),
        communePost2025: await unit(AdminStructure.POST_2025, post2025),
        ...rest,
      } as never);
      await em.flush();
      return club as Club;
    },
  };
}
