import { EntityManager } from '@mikro-orm/postgresql';
import { and, intArray, sql } from '../../db/sql';
import { byId, listBy } from '../../graphql/entity-loaders';
import { connectionLoader, rowMapper } from '../../graphql/paged-query';
import { PageArgs } from '../../graphql/pagination';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { clubCommuneSql } from '../admin-unit/unit-scope';
import { Award } from './award.entity';
import { AwardFilter, awardFilterSql } from './award.inputs';

export interface AwardListArgs {
  filter?: AwardFilter;
  page: PageArgs;
}

/** Request-scoped reads of awards: by id, by club, by member, and everything granted within a unit. */
export function createAwardLoaders(em: EntityManager, units: UnitDirectory) {
  const within = (unit: AdministrativeUnit) =>
    connectionLoader<AwardListArgs, Award>(
      em,
      (args) => {
        // Within a unit: to its clubs, to members of its clubs, or to the associations of it and units below
        // (of either structure, as lists place clubs: see unitScope).
        const communes = intArray(units.communesWithin(unit).map((c) => c.dbId));
        const commune = clubCommuneSql(unit.structure, 'c');
        const scope =
          unit.level === UnitLevel.NATION
            ? null
            : sql(
                `(a.club_id in (select c.id from club c where ${commune} = any(?::int[]))
                  or a.member_id in (select m.id from member m join club c on c.id = m.club_id where ${commune} = any(?::int[]))
                  or a.association_unit_id = any(?::int[]))`,
                communes,
                communes,
                intArray(units.unitsWithin(unit).map((u) => u.dbId)),
              );
        return { from: 'award a', select: 'a.*', parent: '0', where: and([scope, awardFilterSql(args.filter, 'a')]), sort: { expr: 'a.granted_on::text', direction: 'desc' }, id: 'a.id' };
      },
      rowMapper(em, Award),
    );
  const loaders = new Map<AdministrativeUnit, ReturnType<typeof within>>();
  return {
    awardById: byId(em, Award),
    awardsByClub: listBy(em, Award, 'club', { grantedOn: 'desc', id: 'desc' }),
    awardsByMember: listBy(em, Award, 'member', { grantedOn: 'desc', id: 'desc' }),
    awardsWithin(unit: AdministrativeUnit, args: AwardListArgs) {
      let loader = loaders.get(unit);
      if (!loader) {
        loader = within(unit);
        loaders.set(unit, loader);
      }
      return loader(0, args);
    },
  };
}
