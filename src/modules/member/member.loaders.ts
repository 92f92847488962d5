import { EntityManager } from '@mikro-orm/postgresql';
import { and } from '../../db/sql';
import { byId, listBy } from '../../graphql/entity-loaders';
import { connectionLoader, rowMapper } from '../../graphql/paged-query';
import { selectColumns } from '../../graphql/projection';
import { ConnectionResult, PageArgs } from '../../graphql/pagination';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { unitScope } from '../admin-unit/unit-scope';
import { Member } from './member.entity';
import { BoardRole } from './member.enums';
import { MemberFilter, memberFilterSql, MemberOrder, memberSort } from './member.inputs';

export interface MemberListArgs {
  filter?: MemberFilter;
  orderBy?: MemberOrder;
  page: PageArgs;
  /** Columns to read (see nodeColumns); absent or null: all. */
  columns?: string[] | null;
}

const BOARD_ORDER: BoardRole[] = [BoardRole.CHAIR, BoardRole.VICE_CHAIR, BoardRole.TREASURER, BoardRole.SECRETARY, BoardRole.BOARD_MEMBER];

/** Request-scoped member reads: by id, boards, and members of clubs, units and courses as connections. */
export function createMemberLoaders(em: EntityManager, units: UnitDirectory) {
  const toMember = rowMapper(em, Member);
  const board = listBy(em, Member, 'club', { id: 'asc' }, { boardRole: { $ne: null }, leftOn: null });

  const membersOfClubs = connectionLoader<MemberListArgs, Member>(
    em,
    (args) => ({ from: 'member m', select: selectColumns('m', args.columns), parent: 'm.club_id', where: memberFilterSql(args.filter, 'm'), sort: memberSort(args.orderBy, 'm'), id: 'm.id' }),
    toMember,
  );

  const membersUnderUnits = connectionLoader<MemberListArgs & { structure: AdminStructure }, Member>(
    em,
    (args, parents) => {
      const scope = unitScope(units, args.structure, parents.map((id) => (id === 0 ? units.nation(args.structure) : units.byDbId(id)!)), 'c');
      return {
        from: 'member m join club c on c.id = m.club_id',
        select: selectColumns('m', args.columns),
        parentJoin: scope.join,
        parent: scope.parentExpr,
        where: and([scope.where, memberFilterSql(args.filter, 'm')]),
        sort: memberSort(args.orderBy, 'm'),
        id: 'm.id',
      };
    },
    toMember,
  );

  const traineesOfCourses = connectionLoader<MemberListArgs, Member>(
    em,
    (args) => ({
      from: 'member m join trainee t on t.member_id = m.id',
      select: selectColumns('m', args.columns),
      parent: 't.course_id',
      // A course's trainees are who attended, whether or not they are members today.
      where: memberFilterSql({ includeFormer: true, ...args.filter }, 'm'),
      sort: memberSort(args.orderBy, 'm'),
      id: 'm.id',
    }),
    toMember,
  );

  return {
    memberById: byId(em, Member),

    /** The current board of each club, chair first. */
    async boardOf(clubId: number): Promise<Member[]> {
      const members = await board.load(clubId);
      return [...members].sort((a, b) => BOARD_ORDER.indexOf(a.boardRole!) - BOARD_ORDER.indexOf(b.boardRole!));
    },

    membersOfClub: (clubId: number, args: MemberListArgs) => membersOfClubs(clubId, args),

    membersUnder(unit: AdministrativeUnit, args: MemberListArgs): Promise<ConnectionResult<Member>> {
      return membersUnderUnits(unit.level === UnitLevel.NATION ? 0 : unit.dbId, { ...args, structure: unit.structure });
    },

    traineesOf: (courseId: number, args: MemberListArgs) => traineesOfCourses(courseId, args),
  };
}
