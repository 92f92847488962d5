import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { ReadsKeysOnly } from '../../graphql/projection';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { Club } from '../club/club.entity';
import { UnitRef } from '../club/club.inputs';
import { rankClubQuality } from './supervision.service';
import { ClubQualityRanking } from './supervision.types';
import { SupervisionVisit } from './supervision-visit.entity';

/** Club.supervisionVisits, kept in the supervision module (type-graphql merges field resolvers of one type). */
@Resolver(() => Club)
export class ClubSupervisionResolver {
  @ReadsKeysOnly()
  @FieldResolver(() => [SupervisionVisit], { description: 'Supervision visits to the club, newest first (their notes are personal data).' })
  supervisionVisits(@Root() club: Club, @Ctx() ctx: HubContext): Promise<SupervisionVisit[]> {
    return ctx.loaders.supervision.visitsByClub.load(club.id);
  }
}

@Resolver(() => SupervisionVisit)
export class SupervisionVisitResolver {
  @FieldResolver(() => Club)
  club(@Root() visit: SupervisionVisit, @Ctx() ctx: HubContext): Promise<Club | null> {
    return ctx.loaders.clubs.clubById.load(visit.club.id);
  }
}

@Resolver()
export class ClubQualityResolver {
  @Query(() => ClubQualityRanking, {
    description:
      'Provinces (or, within a province, its communes; the districts of a PRE_2025 province) ranked by the share of their active clubs ' +
      'that are weak (latest supervision rating) or missing a monthly report of the period, worst first. Counts only.',
  })
  clubQualityRanking(
    @Arg('period', { description: 'One period key: 2025, 2025Q3, 202509 or a range of days.' }) period: string,
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Arg('within', () => UnitRef, { nullable: true, description: 'A province of the structure: rank its communes (or districts).' }) within: UnitRef | undefined,
    @Arg('level', () => UnitLevel, { nullable: true, description: 'PROVINCE without `within`; COMMUNE (default) or, in PRE_2025, DISTRICT within a province.' })
    level: UnitLevel | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Ctx() ctx: HubContext,
  ): Promise<ClubQualityRanking> {
    return rankClubQuality(ctx, { structure, period, within, level, first, offset });
  }
}
