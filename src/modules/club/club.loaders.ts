import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { and, textArray } from '../../db/sql';
import { byId } from '../../graphql/entity-loaders';
import { connectionLoader, rowMapper } from '../../graphql/paged-query';
import { selectColumns } from '../../graphql/projection';
import { ConnectionResult, PageArgs } from '../../graphql/pagination';
import { todayInVietnam } from '../../time';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { unitScope } from '../admin-unit/unit-scope';
import { metricPerClub } from './club-stats.repository';
import { Club } from './club.entity';
import { ClubFilter, clubFilterSql, ClubOrder, clubSort } from './club.inputs';

export interface ClubListArgs {
  filter?: ClubFilter;
  orderBy?: ClubOrder;
  page: PageArgs;
  /** Columns to read (see nodeColumns); absent or null: all. */
  columns?: string[] | null;
}

interface MemberCountKey {
  clubId: number;
  older: boolean;
  /** null: today. */
  asOf: string | null;
}

/** Request-scoped club reads: by id, member counts per club, and clubs under units as connections. */
export function createClubLoaders(em: EntityManager, units: UnitDirectory) {
  const toClub = rowMapper(em, Club);
  const clubsUnderUnits = connectionLoader<ClubListArgs & { structure: AdminStructure }, Club>(
    em,
    (args, parents) => {
      const scope = unitScope(units, args.structure, parents.map((id) => (id === 0 ? units.nation(args.structure) : units.byDbId(id)!)), 'c');
      return {
        from: 'club c',
        select: selectColumns('c', args.columns),
        parentJoin: scope.join,
        parent: scope.parentExpr,
        where: and([scope.where, clubFilterSql(args.filter, 'c')]),
        sort: clubSort(args.orderBy, 'c'),
        id: 'c.id',
      };
    },
    rowMapper(em, Club),
  );

  return {
    clubById: byId(em, Club),

    /** Clubs by code (federation references), one `code in (…)` per request tick. */
    clubByCode: new DataLoader<string, Club | null>(async (codes) => {
      const rows = await em.getConnection('read').execute<Array<Record<string, unknown>>>('select * from club where code = any(?::text[])', [textArray(codes)]);
      const clubs = rows.map(toClub);
      const found = new Map(clubs.map((c) => [c.code, c]));
      return codes.map((code) => found.get(code) ?? null);
    }),

    clubMemberCount: new DataLoader<MemberCountKey, number, string>(
      async (keys) => {
        const groups = new Map<string, MemberCountKey[]>();
        for (const k of keys) groups.set(`${k.older}|${k.asOf}`, [...(groups.get(`${k.older}|${k.asOf}`) ?? []), k]);
        const values = new Map<MemberCountKey, number>();
        for (const group of groups.values()) {
          const { older, asOf } = group[0];
          const ids = group.map((k) => k.clubId);
          const perClub = await metricPerClub(em, older ? 'olderMembers' : 'members', asOf ?? todayInVietnam(), asOf === null, ids);
          for (const k of group) values.set(k, perClub.get(k.clubId) ?? 0);
        }
        return keys.map((k) => values.get(k) ?? 0);
      },
      { cacheKeyFn: (k) => `${k.clubId}|${k.older}|${k.asOf}` },
    ),

    /** A page of the clubs at or below a unit (its structure's commune column). */
    clubsUnder(unit: AdministrativeUnit, args: ClubListArgs): Promise<ConnectionResult<Club>> {
      return clubsUnderUnits(unit.level === UnitLevel.NATION ? 0 : unit.dbId, { ...args, structure: unit.structure });
    },
  };
}
