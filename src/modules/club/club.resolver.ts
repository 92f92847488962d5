import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { BadUserInputError, ForbiddenError } from '../../errors';
import { ConnectionArgs } from '../../graphql/connection-args';
import { MAX_PAGE_SIZE } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import { nodeColumns, ReadsKeysOnly } from '../../graphql/projection';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { Commune } from '../admin-unit/admin-unit.types';
import { listArea } from '../admin-unit/unit-ref';
import { Award } from '../award/award.entity';
import { Fund } from '../fund/fund.entity';
import { Member } from '../member/member.entity';
import { MemberFilter, MemberOrder } from '../member/member.inputs';
import { MemberConnection } from '../member/member.types';
import { Club, Meeting } from './club.entity';
import { ClubFilter, ClubOrder, UnitRef } from './club.inputs';
import { searchClubs } from './club.repository';
import { ClubConnection, MeetingConnection } from './club.types';

const asOfArg = () =>
  Arg('asOf', () => DateScalar, { nullable: true, description: 'Count as at the end of this day (default: today).' });

@Resolver(() => Club)
export class ClubResolver {
  @Query(() => Club, { nullable: true, description: 'A club by its code; null when there is none.' })
  async club(@Arg('code') code: string, @Ctx() ctx: HubContext): Promise<Club | null> {
    const club = await ctx.loaders.clubs.clubByCode.load(code.trim());
    if (club) ctx.access.requireClub(club.place);
    return club;
  }

  @Query(() => ClubConnection, { description: 'Clubs of the nation, or under a unit, filtered and ordered.' })
  clubs(
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025, description: 'Structure of the nation when no unit is given.' })
    structure: AdminStructure,
    @Arg('under', () => UnitRef, { nullable: true, description: 'Only clubs at or below this unit.' }) under: UnitRef | undefined,
    @Arg('filter', () => ClubFilter, { nullable: true }) filter: ClubFilter | undefined,
    @Arg('orderBy', () => ClubOrder, { nullable: true, description: 'Default: by code.' }) orderBy: ClubOrder | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const unit = listArea(ctx, structure, under);
    return ctx.loaders.clubs.clubsUnder(unit, { filter, orderBy, page: { ...page }, columns: nodeColumns(info, ctx.em, Club) });
  }

  @Query(() => [Club], { description: 'Clubs whose name matches the text, ignoring accents and case ("ky tien" finds Kỳ Tiến), best first.' })
  searchClubs(
    @Arg('text') text: string,
    @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` }) first: number,
    @Ctx() ctx: HubContext,
  ): Promise<Club[]> {
    if (text.trim().length < 2) throw new BadUserInputError('"text" must have at least 2 characters', 'text');
    if (first < 1 || first > MAX_PAGE_SIZE) throw new BadUserInputError(`"first" must be 1–${MAX_PAGE_SIZE}`, 'first');
    // Search covers the clubs the viewer may list: an association's own area, everything for partners.
    const area = listArea(ctx, AdminStructure.POST_2025, undefined);
    const scope = area.level === UnitLevel.NATION ? null : { structure: area.structure, communeIds: ctx.units.communesWithin(area).map((c) => c.dbId) };
    return searchClubs(ctx.em, text, first, scope);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => Commune, {
    nullable: true,
    description: 'The commune the club belongs to in a structure; null when it did not exist in that structure.',
  })
  commune(
    @Root() club: Club,
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Ctx() ctx: HubContext,
  ): Commune | null {
    const ref = structure === AdminStructure.PRE_2025 ? club.communePre2025 : club.communePost2025;
    return ref ? ((ctx.units.byDbId(ref.id) as Commune | undefined) ?? null) : null;
  }

  @ReadsKeysOnly()
  @FieldResolver(() => MemberConnection, { nullable: true, description: 'Members of the club (current members unless filtered).' })
  members(
    @Root() club: Club,
    @Arg('filter', () => MemberFilter, { nullable: true }) filter: MemberFilter | undefined,
    @Arg('orderBy', () => MemberOrder, { nullable: true, description: 'Default: by full name.' }) orderBy: MemberOrder | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (!ctx.access.mayReadPersonal(club.place)) throw new ForbiddenError('Lists of members need an association key for their area');
    return ctx.loaders.members.membersOfClub(club.id, { filter, orderBy, page: { ...page }, columns: nodeColumns(info, ctx.em, Member) });
  }

  @ReadsKeysOnly()
  @FieldResolver(() => [Member], { nullable: true, description: 'The current management board, chair first (a list of people: needs an association key for the area).' })
  board(@Root() club: Club, @Ctx() ctx: HubContext): Promise<Member[]> {
    // Board members are people (sex, join date, role, trainings): the rule of every list of people.
    if (!ctx.access.mayReadPersonal(club.place)) throw new ForbiddenError('Lists of board members need an association key for their area');
    return ctx.loaders.members.boardOf(club.id);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => MeetingConnection, { description: 'Meetings, newest first.' })
  meetings(
    @Root() club: Club,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Held on or after this date.' }) from: string | undefined,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Held on or before this date.' }) to: string | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.loaders.meetings.meetingsOf(club.id, { from, to, page: { ...page } });
  }

  @ReadsKeysOnly()
  @FieldResolver(() => [Fund])
  funds(@Root() club: Club, @Ctx() ctx: HubContext): Promise<Fund[]> {
    return ctx.loaders.funds.fundsByClub.load(club.id);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => [Award], { description: 'Awards granted to the club, newest first.' })
  awards(@Root() club: Club, @Ctx() ctx: HubContext): Promise<Award[]> {
    return ctx.loaders.awards.awardsByClub.load(club.id);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => Int, { description: 'Members at the date (default: today); rounded down to a multiple of 5 without the right to their personal data.' })
  memberCount(@Root() club: Club, @asOfArg() asOf: string | undefined, @Ctx() ctx: HubContext): Promise<number> {
    return ctx.loaders.clubs.clubMemberCount.load({ clubId: club.id, older: false, asOf: asOf ?? null }).then((count) => ctx.access.peopleInClub(club.place, count));
  }

  @ReadsKeysOnly()
  @FieldResolver(() => Int, { description: 'Members aged 60 or over at the date (default: today); rounded down to a multiple of 5 without the right to their personal data.' })
  olderMemberCount(@Root() club: Club, @asOfArg() asOf: string | undefined, @Ctx() ctx: HubContext): Promise<number> {
    return ctx.loaders.clubs.clubMemberCount.load({ clubId: club.id, older: true, asOf: asOf ?? null }).then((count) => ctx.access.peopleInClub(club.place, count));
  }
}

@Resolver(() => Meeting)
export class MeetingResolver {
  @FieldResolver(() => Club)
  async club(@Root() meeting: Meeting, @Ctx() ctx: HubContext): Promise<Club> {
    return (await ctx.loaders.clubs.clubById.load(meeting.club.id))!;
  }
}
