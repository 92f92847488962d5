import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { ClubPayload, DissolveClubPayload } from './club.payloads';
import { createClub, dissolveClub, moveClub, suspendClub, updateClub } from './club.service';
import { CreateClubInput, DissolveClubInput, MoveClubInput, SuspendClubInput, UpdateClubInput } from './club.write-inputs';

/** Club writes: ADMIN, or an association inside its scope; each is one transaction with its audit entries. */
@Resolver()
export class ClubMutations {
  @Mutation(() => ClubPayload, { description: 'Registers a new club.' })
  async createClub(@Arg('input') input: CreateClubInput, @Ctx() ctx: HubContext): Promise<ClubPayload> {
    return { club: await createClub(ctx, input) };
  }

  @Mutation(() => ClubPayload, { description: 'Corrects a club\'s details (not its code, commune or status: see moveClub, suspendClub, dissolveClub).' })
  async updateClub(@Arg('input') input: UpdateClubInput, @Ctx() ctx: HubContext): Promise<ClubPayload> {
    return { club: await updateClub(ctx, input) };
  }

  @Mutation(() => ClubPayload, { description: 'Marks an active club as suspended from a date.' })
  async suspendClub(@Arg('input') input: SuspendClubInput, @Ctx() ctx: HubContext): Promise<ClubPayload> {
    return { club: await suspendClub(ctx, input) };
  }

  @Mutation(() => DissolveClubPayload, { description: 'Dissolves a club; its open memberships end on that day with reason CLUB_DISSOLVED.' })
  dissolveClub(@Arg('input') input: DissolveClubInput, @Ctx() ctx: HubContext): Promise<DissolveClubPayload> {
    return dissolveClub(ctx, input);
  }

  @Mutation(() => ClubPayload, { description: 'Moves a club to another commune, kept consistent in both structures.' })
  async moveClub(@Arg('input') input: MoveClubInput, @Ctx() ctx: HubContext): Promise<ClubPayload> {
    return { club: await moveClub(ctx, input) };
  }
}
