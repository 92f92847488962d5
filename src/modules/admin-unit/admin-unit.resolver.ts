import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { BadUserInputError } from '../../errors';
import { ConnectionArgs } from '../../graphql/connection-args';
import { MAX_PAGE_SIZE } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import { nodeColumns } from '../../graphql/projection';
import { ClubFilter, ClubOrder } from '../club/club.inputs';
import { ClubConnection } from '../club/club.types';
import { MemberFilter, MemberOrder } from '../member/member.inputs';
import { MemberConnection } from '../member/member.types';
import { AdminStructure, UnitLevel } from './admin-unit.enums';
import { AdministrativeUnit, Commune, District, Nation, Province } from './admin-unit.types';
import { UnitMetric } from './unit-stats.loaders';
import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';

const structureArg = () => Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 });
const asOfArg = () =>
  Arg('asOf', () => DateScalar, { nullable: true, description: 'Count as at the end of this day (default: today).' });

/** Entry points into the administrative hierarchy; all answered from the in-memory directory. */
@Resolver()
export class AdminUnitResolver {
  @Query(() => Nation, { description: 'Việt Nam in one structure (default POST_2025).' })
  nation(@structureArg() structure: AdminStructure, @Ctx() ctx: HubContext): Nation {
    return ctx.units.nation(structure);
  }

  @Query(() => [Province], { description: 'All provinces of one structure, in code order.' })
  provinces(@structureArg() structure: AdminStructure, @Ctx() ctx: HubContext): Province[] {
    return ctx.units.nation(structure).provinces;
  }

  @Query(() => Province, { nullable: true, description: 'A province by its code; null when there is none.' })
  province(@Arg('code') code: string, @structureArg() structure: AdminStructure, @Ctx() ctx: HubContext): Province | null {
    return ctx.units.findAt<Province>(structure, UnitLevel.PROVINCE, code) ?? null;
  }

  @Query(() => District, { nullable: true, description: 'A district by its code (districts exist only in PRE_2025).' })
  district(@Arg('code') code: string, @Ctx() ctx: HubContext): District | null {
    return ctx.units.findAt<District>(AdminStructure.PRE_2025, UnitLevel.DISTRICT, code) ?? null;
  }

  @Query(() => Commune, { nullable: true, description: 'A commune by its code; null when there is none.' })
  commune(@Arg('code') code: string, @structureArg() structure: AdminStructure, @Ctx() ctx: HubContext): Commune | null {
    return ctx.units.findAt<Commune>(structure, UnitLevel.COMMUNE, code) ?? null;
  }

  @Query(() => [AdministrativeUnit], {
    description: 'Units whose name matches the text, ignoring accents and case ("ha tinh" finds Hà Tĩnh), best first.',
  })
  searchUnits(
    @Arg('text') text: string,
    @structureArg() structure: AdminStructure,
    @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` }) first: number,
    @Ctx() ctx: HubContext,
  ): AdministrativeUnit[] {
    if (text.trim().length < 2) throw new BadUserInputError('"text" must have at least 2 characters', 'text');
    if (first < 1 || first > MAX_PAGE_SIZE) throw new BadUserInputError(`"first" must be 1–${MAX_PAGE_SIZE}`, 'first');
    return ctx.units.search(text, structure, first);
  }
}

/** Counts and lists that every unit has, whatever its level; set-based and batched across units. */
@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitFieldsResolver {
  private stat(ctx: HubContext, unit: AdministrativeUnit, metric: UnitMetric, asOf: string | undefined): Promise<number> {
    ctx.access.requireCounts(unit);
    return ctx.loaders.unitStats.load({ unit, metric, asOf: asOf ?? null });
  }

  /** Counts of people follow the small-cell rule of the indicators (README, "Small cells"). */
  private people(ctx: HubContext, unit: AdministrativeUnit, metric: UnitMetric, asOf: string | undefined): Promise<number> {
    return this.stat(ctx, unit, metric, asOf).then((count) => ctx.access.peopleInUnit(unit, count));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Clubs active at the date, at or below this unit.' })
  clubCount(@Root() unit: AdministrativeUnit, @asOfArg() asOf: string | undefined, @Ctx() ctx: HubContext): Promise<number> {
    return this.stat(ctx, unit, 'clubs', asOf);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Members of active clubs at the date, at or below this unit (rounded down to a multiple of 5 without the right to its personal data).' })
  memberCount(@Root() unit: AdministrativeUnit, @asOfArg() asOf: string | undefined, @Ctx() ctx: HubContext): Promise<number> {
    return this.people(ctx, unit, 'members', asOf);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Members aged 60 or over at the date, at or below this unit (rounded down to a multiple of 5 without the right to its personal data).' })
  olderMemberCount(@Root() unit: AdministrativeUnit, @asOfArg() asOf: string | undefined, @Ctx() ctx: HubContext): Promise<number> {
    return this.people(ctx, unit, 'olderMembers', asOf);
  }

  @FieldResolver(() => Int, { description: 'Communes at or below this unit (in its structure).' })
  communeCount(@Root() unit: AdministrativeUnit, @asOfArg() _asOf: string | undefined, @Ctx() ctx: HubContext): number {
    return ctx.units.communesUnder(unit).length;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Communes at or below this unit with at least one club active at the date.' })
  communesWithClubCount(@Root() unit: AdministrativeUnit, @asOfArg() asOf: string | undefined, @Ctx() ctx: HubContext): Promise<number> {
    return this.stat(ctx, unit, 'communesWithClubs', asOf);
  }

  @FieldResolver(() => ClubConnection, { nullable: true, description: 'Clubs at or below this unit (attached to its communes in its structure).' })
  clubs(
    @Root() unit: AdministrativeUnit,
    @Arg('filter', () => ClubFilter, { nullable: true }) filter: ClubFilter | undefined,
    @Arg('orderBy', () => ClubOrder, { nullable: true, description: 'Default: by code.' }) orderBy: ClubOrder | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = nodeColumns(info, ctx.em, Club);
    return ctx.loaders.clubs.clubsUnder(ctx.access.listableUnder(unit, false), { filter, orderBy, page: { ...page }, columns });
  }

  @FieldResolver(() => MemberConnection, { nullable: true, description: 'Members of the clubs at or below this unit (current members unless filtered).' })
  members(
    @Root() unit: AdministrativeUnit,
    @Arg('filter', () => MemberFilter, { nullable: true }) filter: MemberFilter | undefined,
    @Arg('orderBy', () => MemberOrder, { nullable: true, description: 'Default: by full name.' }) orderBy: MemberOrder | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = nodeColumns(info, ctx.em, Member);
    return ctx.loaders.members.membersUnder(ctx.access.listableUnder(unit, true), { filter, orderBy, page: { ...page }, columns });
  }
}
