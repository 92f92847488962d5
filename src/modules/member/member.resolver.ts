import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { ConnectionArgs } from '../../graphql/connection-args';
import { nodeColumns, ReadsKeysOnly } from '../../graphql/projection';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { listArea } from '../admin-unit/unit-ref';
import { Award } from '../award/award.entity';
import { Club } from '../club/club.entity';
import { UnitRef } from '../club/club.inputs';
import { Loan } from '../fund/fund.entity';
import { TrainingCourse } from '../training/training.entity';
import { Personal } from '../../auth/personal-data';
import { Member } from './member.entity';
import { MemberFilter, MemberOrder } from './member.inputs';
import { MemberConnection } from './member.types';

@Resolver(() => Member)
export class MemberResolver {
  @Query(() => MemberConnection, { description: 'Members of the nation, or under a unit (current members unless filtered).' })
  members(
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025, description: 'Structure of the nation when no unit is given.' })
    structure: AdminStructure,
    @Arg('under', () => UnitRef, { nullable: true, description: 'Only members of clubs at or below this unit.' }) under: UnitRef | undefined,
    @Arg('filter', () => MemberFilter, { nullable: true }) filter: MemberFilter | undefined,
    @Arg('orderBy', () => MemberOrder, { nullable: true, description: 'Default: by full name.' }) orderBy: MemberOrder | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const unit = listArea(ctx, structure, under, true);
    return ctx.loaders.members.membersUnder(unit, { filter, orderBy, page: { ...page }, columns: nodeColumns(info, ctx.em, Member) });
  }

  @ReadsKeysOnly()
  @FieldResolver(() => Club)
  async club(@Root() member: Member, @Ctx() ctx: HubContext): Promise<Club> {
    return (await ctx.loaders.clubs.clubById.load(member.club.id))!;
  }

  @Personal()
  @ReadsKeysOnly()
  @FieldResolver(() => [Loan], { nullable: true, description: "Personal data: the member's loans, newest first." })
  loans(@Root() member: Member, @Ctx() ctx: HubContext): Promise<Loan[]> {
    return ctx.loaders.funds.loansByBorrower.load(member.id);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => [TrainingCourse], { description: 'Training courses the member attended, newest first.' })
  trainings(@Root() member: Member, @Ctx() ctx: HubContext): Promise<TrainingCourse[]> {
    return ctx.loaders.training.coursesByMember.load(member.id);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => [Award], { description: 'Awards granted to the member, newest first.' })
  awards(@Root() member: Member, @Ctx() ctx: HubContext): Promise<Award[]> {
    return ctx.loaders.awards.awardsByMember.load(member.id);
  }
}
