import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { ConnectionArgs } from '../../graphql/connection-args';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { listArea } from '../admin-unit/unit-ref';
import { Club } from '../club/club.entity';
import { UnitRef } from '../club/club.inputs';
import { Personal } from '../../auth/personal-data';
import { Member } from '../member/member.entity';
import { Award } from './award.entity';
import { AwardFilter } from './award.inputs';
import { AwardConnection } from './award.types';

@Resolver(() => Award)
export class AwardResolver {
  @Query(() => AwardConnection, { description: 'Awards, newest first: all, or those granted within a unit.' })
  awards(
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025, description: 'Structure of the nation when no unit is given.' })
    structure: AdminStructure,
    @Arg('under', () => UnitRef, { nullable: true, description: "Only awards to this unit's clubs, their members, or its (and lower units') associations." })
    under: UnitRef | undefined,
    @Arg('filter', () => AwardFilter, { nullable: true }) filter: AwardFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
  ) {
    const unit = listArea(ctx, structure, under);
    return ctx.loaders.awards.awardsWithin(unit, { filter, page: { ...page } });
  }

  @FieldResolver(() => Club, { nullable: true, description: 'The club, when a club received it.' })
  club(@Root() award: Award, @Ctx() ctx: HubContext): Promise<Club | null> | null {
    return award.club ? ctx.loaders.clubs.clubById.load(award.club.id) : null;
  }

  @Personal()
  @FieldResolver(() => Member, { nullable: true, description: 'Personal data: the member, when a member received it.' })
  member(@Root() award: Award, @Ctx() ctx: HubContext): Promise<Member | null> | null {
    return award.member ? ctx.loaders.members.memberById.load(award.member.id) : null;
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit whose association received it.' })
  association(@Root() award: Award, @Ctx() ctx: HubContext): AdministrativeUnit | null {
    return award.associationUnit ? (ctx.units.byDbId(award.associationUnit.id) ?? null) : null;
  }
}
