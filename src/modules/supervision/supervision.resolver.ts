import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { ReadsKeysOnly } from '../../graphql/projection';
import { Club } from '../club/club.entity';
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
