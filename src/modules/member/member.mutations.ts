import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { MemberPayload } from './member.payloads';
import { addMember, recordMemberLeaving, updateMember } from './member.service';
import { AddMemberInput, RecordMemberLeavingInput, UpdateMemberInput } from './member.write-inputs';

/** Membership writes: ADMIN, or an association for the clubs of its scope. */
@Resolver()
export class MemberMutations {
  @Mutation(() => MemberPayload, { description: 'Adds a person to a club (one chair per club, one club per person: see the input).' })
  addMember(@Arg('input') input: AddMemberInput, @Ctx() ctx: HubContext): Promise<MemberPayload> {
    return addMember(ctx, input);
  }

  @Mutation(() => MemberPayload, { description: "Corrects a member's details or board role." })
  updateMember(@Arg('input') input: UpdateMemberInput, @Ctx() ctx: HubContext): Promise<MemberPayload> {
    return updateMember(ctx, input);
  }

  @Mutation(() => MemberPayload, { description: 'Ends a membership on a date, with the reason.' })
  async recordMemberLeaving(@Arg('input') input: RecordMemberLeavingInput, @Ctx() ctx: HubContext): Promise<MemberPayload> {
    return { member: await recordMemberLeaving(ctx, input), demotedChairs: [] };
  }
}
